package io.assisthost.host.actions;

import java.util.List;

/**
 * The distinct words of all phrases, each with a dense id, looked up straight from a char buffer so that
 * matching an utterance creates no string per word. Open addressing over one int array of
 * (hash, id + 1) pairs, so a miss (the common case: most words of an utterance are in no phrase) is
 * usually decided by one probe without touching the characters. Immutable once built.
 */
final class WordVocabulary {

    private final char[] pool;
    private final int[] offsets;
    private final int[] slots;
    private final int shift;

    /** @param words distinct, normalized words; word {@code i} gets id {@code i} */
    WordVocabulary(List<String> words) {
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, words.size()) * 2 - 1));
        shift = 32 - bits;
        slots = new int[2 << bits];
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
            insert(id);
        }
    }

    int size() {
        return offsets.length - 1;
    }

    /** @return the id of the word in {@code chars[0..length)}, or -1 if no phrase has it */
    int id(char[] chars, int length) {
        int hash = hash(chars, 0, length);
        int mask = slots.length - 1;
        for (int slot = (hash * 0x9E3779B1 >>> shift) << 1; ; slot = (slot + 2) & mask) {
            int entry = slots[slot + 1];
            if (entry == 0) {
                return -1;
            }
            if (slots[slot] == hash && sameChars(entry - 1, chars, length)) {
                return entry - 1;
            }
        }
    }

    /** @return the id of {@code word}, or -1 */
    int id(String word) {
        return id(word.toCharArray(), word.length());
    }

    private void insert(int id) {
        int hash = hash(pool, offsets[id], offsets[id + 1] - offsets[id]);
        int mask = slots.length - 1;
        int slot = (hash * 0x9E3779B1 >>> shift) << 1;
        while (slots[slot + 1] != 0) {
            slot = (slot + 2) & mask;
        }
        slots[slot] = hash;
        slots[slot + 1] = id + 1;
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

    private static int hash(char[] chars, int start, int length) {
        int hash = 0;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }
}
