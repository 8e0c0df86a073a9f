package io.assisthost.host.actions.matching;

import java.util.Arrays;

/**
 * Builds a {@link PhraseAutomaton}: the trie of all phrases, phrase by phrase, then the failure, report
 * and dictionary links breadth-first, then the records laid out in one array. Works on dense state
 * numbers and only turns them into record offsets at the end. Single use; not thread-safe.
 */
final class PhraseTrie {

    // Offsets are stored shifted left once in the failure field.
    private static final int MAX_RECORDS = 1 << 30;

    private final int[] rootNext;
    private final TransitionTable children;
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
    PhraseTrie(int vocabulary, int words, int phrases) {
        rootNext = new int[vocabulary];
        children = new TransitionTable(words);
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
            int next = state == 0 ? rootNext[w] : children.next(state, w);
            if (next == 0) {
                next = newState(state, w);
            }
            state = next;
        }
        nextOutput[outputCount] = firstOutput[state];
        outputValue[outputCount] = output;
        firstOutput[state] = outputCount++;
    }

    PhraseAutomaton build() {
        int[] failure = new int[states];
        int[] report = new int[states];
        int[] dictionary = new int[states];
        // A state's suffix is shallower than the state, so breadth-first order has its links ready.
        for (int state : byDepth()) {
            int from = parent[state];
            failure[state] = from == 0 ? 0 : step(failure, failure[from], word[state]);
            dictionary[state] = report[failure[state]];
            report[state] = firstOutput[state] >= 0 ? state : dictionary[state];
        }
        int[] offset = offsets();
        int[] records = new int[offset[states]];
        for (int state = 0; state < states; state++) {
            int at = offset[state];
            records[at + PhraseAutomaton.FAILURE] = offset[failure[state]] << 1 | (branching[state] ? 1 : 0);
            records[at + PhraseAutomaton.REPORT] = offset[report[state]];
            records[at + PhraseAutomaton.DICTIONARY] = offset[dictionary[state]];
            int end = offset[state + 1];
            records[at + PhraseAutomaton.OUTPUT_COUNT] = end - at - PhraseAutomaton.HEADER;
            // The list runs newest first; filling it backwards keeps a state's outputs in entry order.
            for (int o = firstOutput[state]; o >= 0; o = nextOutput[o]) {
                records[--end] = outputValue[o];
            }
        }
        return new PhraseAutomaton(rootEdges(offset), edges(offset), records);
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
            children.put(from, w, state);
            branching[from] = true;
        }
        return state;
    }

    /** The automaton's transition, on state numbers, for the states whose failure links are known. */
    private int step(int[] failure, int state, int w) {
        for (int s = state; s != 0; s = failure[s]) {
            if (branching[s]) {
                int next = children.next(s, w);
                if (next != 0) {
                    return next;
                }
            }
        }
        return rootNext[w];
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

    /** @return each state's record offset, and at {@code [states]} the records' total length */
    private int[] offsets() {
        int[] offset = new int[states + 1];
        long at = 0;
        for (int state = 0; state < states; state++) {
            offset[state] = (int) at;
            at += PhraseAutomaton.HEADER;
            for (int o = firstOutput[state]; o >= 0; o = nextOutput[o]) {
                at++;
            }
            if (at >= MAX_RECORDS) {
                throw new IllegalArgumentException("too many phrases to compile: " + outputCount);
            }
        }
        offset[states] = (int) at;
        return offset;
    }

    private int[] rootEdges(int[] offset) {
        int[] edges = new int[rootNext.length];
        for (int w = 0; w < edges.length; w++) {
            edges[w] = offset[rootNext[w]];
        }
        return edges;
    }

    /** The edges below the root again, between offsets, in a table sized for exactly their number. */
    private TransitionTable edges(int[] offset) {
        TransitionTable edges = new TransitionTable(states - 1);
        for (int state = 1; state < states; state++) {
            if (parent[state] != 0) {
                edges.put(offset[parent[state]], word[state], offset[state]);
            }
        }
        edges.trim();
        return edges;
    }
}
