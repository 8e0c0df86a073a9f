package io.assisthost.host.actions.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one utterance, the phrases of every deployed action at once. The trigger engine hears every
 * utterance of every conversation, so the cost of a match must depend on the utterance, not on how many
 * actions are deployed: the phrases of all entries are compiled into one word-level Aho–Corasick
 * automaton ({@link PhraseAutomaton}) and the utterance is read once, word by word, without building
 * a string per word.
 *
 * <p>A phrase occurs when its words ({@link TextNormalizer}: case and accents ignored) appear in the
 * utterance as whole, consecutive words: "refund" occurs in "a refund, please" but not in "refunds".
 *
 * <p>Immutable and thread-safe: compile once per set of deployed actions, match from any thread.
 */
public final class PhraseMatcher {

    /** The most phrases one entry may have: their hits are the bits of a {@code long}. */
    public static final int MAX_PHRASES = 64;

    // An output packs entry << 6 | phrase into a non-negative int.
    private static final int MAX_ENTRIES = 1 << 25;
    private static final int PHRASE_BITS = 6;

    // One per thread, reused: a match allocates only its result, whatever the number of hits. Safe
    // because a match never calls out to code that could match again on the same thread.
    private static final ThreadLocal<HitCollector> COLLECTORS = ThreadLocal.withInitial(HitCollector::new);

    private final WordVocabulary vocabulary;
    private final PhraseAutomaton automaton;
    private final long[] fullMasks;
    private final Hits none;

    private PhraseMatcher(WordVocabulary vocabulary, PhraseAutomaton automaton, long[] fullMasks) {
        this.vocabulary = vocabulary;
        this.automaton = automaton;
        this.fullMasks = fullMasks;
        this.none = new Hits(new int[0], new long[0], fullMasks);
    }

    /**
     * Compiles the phrases of some entries (one entry per deployed action version).
     *
     * @param phraseSets for each entry, its phrases, 1 to {@value #MAX_PHRASES}; entry {@code i} of the
     *                   {@link Hits} is {@code phraseSets.get(i)} and bit {@code j} of its mask is phrase
     *                   {@code j}. The same phrase may appear in any number of entries, and twice in one.
     * @throws IllegalArgumentException if an entry has no phrase or too many, or a phrase has no word
     *                                  (a letter or digit), naming the entry and the phrase
     */
    public static PhraseMatcher compile(List<List<String>> phraseSets) {
        if (phraseSets.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(phraseSets.size() + " entries; at most " + MAX_ENTRIES);
        }
        List<List<String>> words = new ArrayList<>();
        long[] fullMasks = new long[phraseSets.size()];
        int wordCount = 0;
        for (int entry = 0; entry < phraseSets.size(); entry++) {
            List<String> phrases = phraseSets.get(entry);
            if (phrases == null || phrases.isEmpty() || phrases.size() > MAX_PHRASES) {
                throw new IllegalArgumentException("entry " + entry + " has " + (phrases == null ? 0 : phrases.size())
                        + " phrases; 1 to " + MAX_PHRASES + " are allowed");
            }
            for (int phrase = 0; phrase < phrases.size(); phrase++) {
                List<String> tokens = TextNormalizer.tokens(phrases.get(phrase));
                if (tokens.isEmpty()) {
                    throw new IllegalArgumentException("entry " + entry + ", phrase " + phrase + " ('"
                            + phrases.get(phrase) + "') has no word: it needs a letter or a digit");
                }
                words.add(tokens);
                wordCount += tokens.size();
            }
            fullMasks[entry] = phrases.size() == MAX_PHRASES ? -1L : (1L << phrases.size()) - 1;
        }
        return build(phraseSets, words, wordCount, fullMasks);
    }

    private static PhraseMatcher build(List<List<String>> phraseSets, List<List<String>> words, int wordCount,
                                       long[] fullMasks) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        for (List<String> phrase : words) {
            for (String word : phrase) {
                if (ids.putIfAbsent(word, distinct.size()) == null) {
                    distinct.add(word);
                }
            }
        }
        PhraseTrie trie = new PhraseTrie(distinct.size(), wordCount, words.size());
        int next = 0;
        for (int entry = 0; entry < phraseSets.size(); entry++) {
            for (int phrase = 0; phrase < phraseSets.get(entry).size(); phrase++) {
                int[] path = words.get(next++).stream().mapToInt(ids::get).toArray();
                trie.add(path, entry << PHRASE_BITS | phrase);
            }
        }
        return new PhraseMatcher(new WordVocabulary(distinct), trie.build(), fullMasks);
    }

    /** @return the number of entries compiled */
    public int entryCount() {
        return fullMasks.length;
    }

    /** @return the number of phrases of {@code entry} */
    public int phraseCount(int entry) {
        return Long.bitCount(fullMasks[entry]);
    }

    /** @return the mask with one bit per phrase of {@code entry}: what {@link Hits#phrases} is when all were heard */
    public long fullMask(int entry) {
        return fullMasks[entry];
    }

    /**
     * The entries with at least one phrase in {@code text}.
     *
     * @param text an utterance; {@code null} is treated as empty
     * @return the hits, in the order the entries were first heard
     */
    public Hits match(String text) {
        HitCollector hits = COLLECTORS.get();
        hits.clear();
        TextNormalizer.forEachWord(text, new Scan(hits));
        return hits.size() == 0 ? none : new Hits(hits.entries(), hits.masks(), fullMasks);
    }

    /** The walk of one utterance through the automaton. */
    private final class Scan implements TextNormalizer.WordSink {

        private final HitCollector hits;
        private int state;

        Scan(HitCollector hits) {
            this.hits = hits;
        }

        @Override
        public void word(char[] chars, int length, int hash) {
            int word = vocabulary.id(chars, length, hash);
            if (word < 0) {
                // No phrase contains this word, so no phrase can span it.
                state = 0;
                return;
            }
            state = automaton.step(state, word);
            for (int at = automaton.report(state); at != 0; at = automaton.nextReport(at)) {
                for (int i = automaton.outputStart(at), end = automaton.outputEnd(at); i < end; i++) {
                    int output = automaton.output(i);
                    hits.add(output >>> PHRASE_BITS, output & (MAX_PHRASES - 1));
                }
            }
        }
    }

    /**
     * What one utterance triggered: the entries with at least one phrase heard, each with the mask of its
     * phrases heard (bit {@code j} for phrase {@code j}). Immutable.
     *
     * <p>Entries come in the order they were first heard; for phrases that end on the same word, longer
     * phrases first, then by entry. They are deliberately not sorted by entry: with many actions the
     * sort would cost more than the match.
     */
    public static final class Hits {

        private final int[] entries;
        private final long[] phrases;
        private final long[] fullMasks;

        private Hits(int[] entries, long[] phrases, long[] fullMasks) {
            this.entries = entries;
            this.phrases = phrases;
            this.fullMasks = fullMasks;
        }

        /** @return the number of entries hit */
        public int size() {
            return entries.length;
        }

        public boolean isEmpty() {
            return entries.length == 0;
        }

        /** @return the entry of hit {@code i}, {@code 0 <= i < size()} */
        public int entry(int i) {
            return entries[i];
        }

        /** @return the phrases of hit {@code i} that were heard, bit {@code j} for phrase {@code j} */
        public long phrases(int i) {
            return phrases[i];
        }

        /** @return whether every phrase of hit {@code i}'s entry was heard (what a "match all" trigger needs) */
        public boolean all(int i) {
            return phrases[i] == fullMasks[entries[i]];
        }

        /** @return the phrases of {@code entry} that were heard; 0 if it was not hit (a linear search) */
        public long phrasesOf(int entry) {
            for (int i = 0; i < entries.length; i++) {
                if (entries[i] == entry) {
                    return phrases[i];
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Hits[");
            for (int i = 0; i < entries.length; i++) {
                text.append(i == 0 ? "" : ", ").append(entries[i]).append('=').append(Long.toBinaryString(phrases[i]));
            }
            return text.append(']').toString();
        }
    }
}
