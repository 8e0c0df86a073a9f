package io.assisthost.host.actions.matching;

/**
 * An Aho–Corasick automaton over word ids: one pass over an utterance finds every phrase of every
 * action, however many actions there are. Each distinct phrase is one trie path whose end holds the
 * outputs of all the (entry, phrase) pairs that use it, so a phrase shared by a thousand actions is
 * stored and walked once. Built by {@link PhraseTrie}.
 *
 * <p>Per state: a failure link (the longest proper suffix of the state's words that is also a trie
 * path), the first state on that suffix chain, itself included, that ends a phrase ({@code report}),
 * and for those states the next one ({@code dictionary}). Following {@code report} then
 * {@code dictionary} visits exactly the phrases that end at the current word, so overlapping phrases
 * ("refund", "refund policy", "policy") are all reported without walking the failure chain.
 *
 * <p>Layout: a state is the offset of its record in one int array, a header followed by the state's
 * outputs, so that a step and the outputs it reports read one or two adjacent cache lines instead of
 * one line in each of several arrays; with thousands of actions that is most of a match's cost. The
 * root is offset 0, which also stands for "no state" in the report and dictionary links (the root ends
 * no phrase).
 *
 * <p>Immutable once built; every array is written before the automaton is published through a final
 * field, so any number of threads may match with it at once.
 */
final class PhraseAutomaton {

    /** The failure link shifted left once, with the low bit set when the state has edges out. */
    static final int FAILURE = 0;
    static final int REPORT = 1;
    static final int DICTIONARY = 2;
    static final int OUTPUT_COUNT = 3;
    /** Ints before a state's outputs, each {@code entry << 6 | phrase}. */
    static final int HEADER = 4;

    private final int[] rootNext;
    private final TransitionTable edges;
    private final int[] records;

    PhraseAutomaton(int[] rootNext, TransitionTable edges, int[] records) {
        this.rootNext = rootNext;
        this.edges = edges;
        this.records = records;
    }

    /** @return the state after hearing {@code word} (a vocabulary id) in {@code state} */
    int step(int state, int word) {
        for (int s = state; s != 0; ) {
            int failure = records[s + FAILURE];
            // Most states are phrase ends with no edge out: skip the table probe for them.
            if ((failure & 1) != 0) {
                int next = edges.next(s, word);
                if (next != 0) {
                    return next;
                }
            }
            s = failure >>> 1;
        }
        return rootNext[word];
    }

    /** @return the first state, from {@code state} along its suffixes, that ends a phrase; 0 if none */
    int report(int state) {
        return records[state + REPORT];
    }

    /** @return the next state after {@code reporting} along its suffixes that ends a phrase; 0 if none */
    int nextReport(int reporting) {
        return records[reporting + DICTIONARY];
    }

    /** @return where the outputs of a state start in {@link #output(int)} */
    int outputStart(int state) {
        return state + HEADER;
    }

    /** @return where the outputs of a state end (exclusive) */
    int outputEnd(int state) {
        return state + HEADER + records[state + OUTPUT_COUNT];
    }

    /** @return an output: {@code entry << 6 | phrase} */
    int output(int index) {
        return records[index];
    }
}
