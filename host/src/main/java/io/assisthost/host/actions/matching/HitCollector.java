package io.assisthost.host.actions.matching;

import java.util.Arrays;

/**
 * The hits of one utterance while it is read: each entry once, with the mask of its phrases heard so
 * far, in the order the entries were first heard.
 *
 * <p>With thousands of actions an utterance hits dozens of them, nearly all through a single phrase, so
 * the common case must be cheap: one bit per entry says whether it was heard already, and a new entry
 * is appended without any lookup. Only an entry heard again (another phrase, a repeated word) is
 * searched for: among the few hits by a scan, among many through an open-addressing index built the
 * first time it is needed.
 *
 * <p>Reused by one thread for match after match ({@link #clear()} forgets only what the last match
 * touched), so that its tables are allocated once, not per utterance; the bit set grows to the largest
 * entry number seen, one bit per entry. Not thread-safe.
 */
final class HitCollector {

    // Past this many hits an entry heard again is found through the index rather than by a scan.
    private static final int SCAN_LIMIT = 32;

    private long[] heard = new long[64];
    private int[] entries = new int[16];
    private long[] masks = new long[16];
    private int size;
    // Open addressing over (entry + 1, position) pairs; null until the hits outgrow a scan.
    private int[] index;

    /** Records that {@code phrase} of {@code entry} was heard. */
    void add(int entry, int phrase) {
        int word = entry >>> 6;
        if (word >= heard.length) {
            heard = Arrays.copyOf(heard, Math.max(word + 1, heard.length * 2));
        }
        long bit = 1L << entry;
        if ((heard[word] & bit) == 0) {
            heard[word] |= bit;
            append(entry, 1L << phrase);
        } else {
            masks[position(entry)] |= 1L << phrase;
        }
    }

    int size() {
        return size;
    }

    /** @return a copy of the entries heard, in the order first heard */
    int[] entries() {
        return Arrays.copyOf(entries, size);
    }

    /** @return a copy of the masks of {@link #entries()}, in the same order */
    long[] masks() {
        return Arrays.copyOf(masks, size);
    }

    /** Forgets every hit, in time proportional to their number. */
    void clear() {
        for (int position = 0; position < size; position++) {
            // Every bit set in this word belongs to a hit of this match, so the whole word can go.
            heard[entries[position] >>> 6] = 0;
        }
        size = 0;
        index = null;
    }

    private void append(int entry, long mask) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
            masks = Arrays.copyOf(masks, size * 2);
        }
        entries[size] = entry;
        masks[size] = mask;
        size++;
        if (index != null) {
            if (4 * size > index.length) {
                buildIndex();
            } else {
                insert(index, size - 1);
            }
        }
    }

    private int position(int entry) {
        if (index == null) {
            if (size <= SCAN_LIMIT) {
                // Recent hits first: an entry is most often heard again within a few words.
                for (int position = size - 1; ; position--) {
                    if (entries[position] == entry) {
                        return position;
                    }
                }
            }
            buildIndex();
        }
        int mask = index.length - 2;
        for (int slot = (spread(entry) << 1) & mask; ; slot = (slot + 2) & mask) {
            if (index[slot] == entry + 1) {
                return index[slot + 1];
            }
        }
    }

    private void buildIndex() {
        index = new int[Integer.highestOneBit(size) << 3];
        for (int position = 0; position < size; position++) {
            insert(index, position);
        }
    }

    private void insert(int[] table, int position) {
        int mask = table.length - 2;
        int slot = (spread(entries[position]) << 1) & mask;
        while (table[slot] != 0) {
            slot = (slot + 2) & mask;
        }
        table[slot] = entries[position] + 1;
        table[slot + 1] = position;
    }

    private static int spread(int entry) {
        int hash = entry * 0x9E3779B1;
        return hash ^ (hash >>> 16);
    }
}
