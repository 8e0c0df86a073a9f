package io.assisthost.host.actions.matching;

import java.util.List;

/**
 * The distinct words of all phrases, each with a dense id, looked up straight from a char buffer so that
 * matching an utterance creates no string per word.
 *
 * <p>Every word of every utterance is looked up, and most are in no phrase, so the table is built for
 * misses: open addressing over one int per slot holding the word's id + 1 in the low bits and a tag
 * (other bits of its hash) in the high bits. A miss is then nearly always decided from the slots alone,
 * without touching the characters, and the slots of a few thousand words stay in the L1 cache.
 * Immutable once built.
 */
final class WordVocabulary {

    private final char[] pool;
    private final int[] offsets;
    private final int[] slots;
    private final int shift;
    private final int idBits;
    private final int idMask;

    /** @param words distinct, normalized words; word {@code i} gets id {@code i} */
    WordVocabulary(List<String> words) {
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, words.size()) * 2 - 1));
        shift = 32 - bits;
        slots = new int[1 << bits];
        idBits = 32 - Integer.numberOfLeadingZeros(words.size());
        idMask = idBits == 32 ? -1 : (1 << idBits) - 1;
        offsets = new int[words.size() + 1];
        int total = 0;
        for (String word : words) {
            total += word.length();
        }
        pool = new char[total];
        int position = 0;
        for (int id = 0; id < words.size(); id++) {
            String word = words.get(id);
            word.getChars(0, word.length(), pool, position);
            offsets[id] = position;
            position += word.length();
            offsets[id + 1] = position;
            insert(id, word.hashCode());
        }
    }

    /**
     * @param hash the word's {@link String#hashCode()}, as {@link TextNormalizer.WordSink} passes it
     * @return the id of the word in {@code chars[0..length)}, or -1 if no phrase has it
     */
    int id(char[] chars, int length, int hash) {
        int tag = tag(hash);
        int mask = slots.length - 1;
        for (int slot = hash * 0x9E3779B1 >>> shift; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if ((entry & ~idMask) == tag) {
                int id = (entry & idMask) - 1;
                if (sameChars(id, chars, length)) {
                    return id;
                }
            }
        }
    }

    private void insert(int id, int hash) {
        int mask = slots.length - 1;
        int slot = hash * 0x9E3779B1 >>> shift;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = tag(hash) | (id + 1);
    }

    /** The hash's low bits, above the id; the slot index comes from its high bits, so they add information. */
    private int tag(int hash) {
        return idBits == 32 ? 0 : hash << idBits;
    }

    private boolean sameChars(int id, char[] chars, int length) {
        int start = offsets[id];
        if (offsets[id + 1] - start != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (pool[start + i] != chars[i]) {
                return false;
            }
        }
        return true;
    }
}
