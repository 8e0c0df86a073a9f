package io.assisthost.host.actions;

import java.util.Arrays;

/**
 * An Aho–Corasick automaton over word ids: one pass over an utterance finds every phrase of every
 * action, however many actions there are. Each distinct phrase is one trie path whose end holds the
 * outputs of all the (entry, phrase) pairs that use it, so a phrase shared by a thousand actions is
 * stored and walked once.
 *
 * <p>Per state: a failure link (the longest proper suffix of the state's words that is also a trie
 * path), the first state on that suffix chain, itself included, that ends a phrase ({@code report}),
 * and for those states the next one ({@code dictionary}). Following {@code report} then
 * {@code dictionary} visits exactly the phrases that end at the current word, so overlapping phrases
 * ("refund", "refund policy", "policy") are all reported without walking the failure chain.
 *
 * <p>Immutable once built; every array is written before the automaton is published through a final
 * field, so any number of threads may match with it at once.
 */
final class PhraseAutomaton {

    private final int[] rootNext;
    private final TransitionTable edges;
    private final boolean[] branching;
    private final int[] failure;
    private final int[] report;
    private final int[] dictionary;
    private final int[] outputStart;
    private final int[] outputs;

    private PhraseAutomaton(Builder trie, int[] failure, int[] report, int[] dictionary, int[] outputStart,
                            int[] outputs) {
        this.rootNext = trie.rootNext;
        this.edges = trie.edges;
        this.branching = trie.branching;
        this.failure = failure;
        this.report = report;
        this.dictionary = dictionary;
        this.outputStart = outputStart;
        this.outputs = outputs;
    }

    /** @return the state after hearing {@code word} (a vocabulary id) in {@code state} */
    int step(int state, int word) {
        for (int s = state; s != 0; s = failure[s]) {
            // Most states are phrase ends with no edge out: skip the table probe for them.
            if (branching[s]) {
                int next = edges.next(s, word);
                if (next != 0) {
                    return next;
                }
            }
        }
        return rootNext[word];
    }

    /** @return the first state, from {@code state} along its suffixes, that ends a phrase; 0 if none */
    int report(int state) {
        return report[state];
    }

    /** @return the next state after {@code reporting} along its suffixes that ends a phrase; 0 if none */
    int nextReport(int reporting) {
        return dictionary[reporting];
    }

    /** @return where the outputs of a reporting state start in {@link #output(int)} */
    int outputStart(int reporting) {
        return outputStart[reporting];
    }

    /** @return where the outputs of a reporting state end (exclusive) */
    int outputEnd(int reporting) {
        return outputStart[reporting + 1];
    }

    /** @return an output: {@code entry << 6 | phrase} */
    int output(int index) {
        return outputs[index];
    }

    /** Builds the trie phrase by phrase, then the links. Single use; not thread-safe. */
    static final class Builder {

        private final int[] rootNext;
        private final TransitionTable edges;
        private final boolean[] branching;
        private final int[] parent;
        private final int[] word;
        private final int[] depth;
        private final int[] firstOutput;
        private final int[] nextOutput;
        private final int[] outputValue;
        private int states = 1;
        private int outputCount;
        private int maxDepth;

        /**
         * @param vocabulary the number of distinct words
         * @param words      the total number of words over all phrases (bounds the number of states)
         * @param phrases    the total number of phrases (the number of outputs)
         */
        Builder(int vocabulary, int words, int phrases) {
            rootNext = new int[vocabulary];
            edges = new TransitionTable(words);
            branching = new boolean[words + 1];
            parent = new int[words + 1];
            word = new int[words + 1];
            depth = new int[words + 1];
            firstOutput = new int[words + 1];
            Arrays.fill(firstOutput, -1);
            nextOutput = new int[phrases];
            outputValue = new int[phrases];
        }

        /** Adds a phrase (its word ids, at least one) with its output {@code entry << 6 | phrase}. */
        void add(int[] phrase, int output) {
            int state = 0;
            for (int w : phrase) {
                int next = state == 0 ? rootNext[w] : edges.next(state, w);
                if (next == 0) {
                    next = newState(state, w);
                }
                state = next;
            }
            nextOutput[outputCount] = firstOutput[state];
            outputValue[outputCount] = output;
            firstOutput[state] = outputCount++;
        }

        private int newState(int from, int w) {
            int state = states++;
            parent[state] = from;
            word[state] = w;
            depth[state] = depth[from] + 1;
            maxDepth = Math.max(maxDepth, depth[state]);
            if (from == 0) {
                rootNext[w] = state;
            } else {
                edges.put(from, w, state);
                branching[from] = true;
            }
            return state;
        }

        PhraseAutomaton build() {
            int[] outputStart = new int[states + 1];
            int[] outputs = new int[outputCount];
            for (int state = 0, at = 0; state < states; state++) {
                outputStart[state] = at;
                for (int o = firstOutput[state]; o >= 0; o = nextOutput[o]) {
                    outputs[at++] = outputValue[o];
                }
                outputStart[state + 1] = at;
            }
            int[] failure = new int[states];
            int[] report = new int[states];
            int[] dictionary = new int[states];
            PhraseAutomaton automaton = new PhraseAutomaton(this, failure, report, dictionary, outputStart, outputs);
            // A state's suffix is shallower than the state, so breadth-first order has its links ready.
            for (int state : byDepth()) {
                int from = parent[state];
                failure[state] = from == 0 ? 0 : automaton.step(failure[from], word[state]);
                dictionary[state] = report[failure[state]];
                report[state] = outputStart[state] < outputStart[state + 1] ? state : dictionary[state];
            }
            return automaton;
        }

        /** @return every state but the root, shallowest first (a counting sort on depth) */
        private int[] byDepth() {
            int[] start = new int[maxDepth + 2];
            for (int state = 1; state < states; state++) {
                start[depth[state] + 1]++;
            }
            for (int d = 1; d < start.length; d++) {
                start[d] += start[d - 1];
            }
            int[] order = new int[states - 1];
            for (int state = 1; state < states; state++) {
                order[start[depth[state]]++] = state;
            }
            return order;
        }
    }
}
