package io.assisthost.host.actions.matching;

/**
 * The phrase trie's edges below the root: (state, word id) to the next state, in one int array of
 * (state, word, next) triples with open addressing. A map of boxed keys would allocate on every lookup
 * and spend most of its memory on objects; here a lookup allocates nothing and one probe usually reads
 * a single cache line. State 0 (the root) never appears as a key, since the root's edges live in a plain
 * array, so 0 marks an empty slot.
 *
 * <p>Grows while the trie is built; read-only, and then safe to share between threads, once the
 * {@link PhraseMatcher} holding it is constructed.
 */
final class TransitionTable {

    private static final int STRIDE = 3;

    private int[] table;
    private int shift;
    private int size;

    TransitionTable(int expected) {
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, expected) * 2 - 1));
        allocate(bits);
    }

    /** @return the state reached from {@code state} (not the root) on {@code word}, or 0 if none */
    int next(int state, int word) {
        int slots = table.length / STRIDE;
        for (int slot = index(state, word); ; slot = slot + 1 == slots ? 0 : slot + 1) {
            int at = slot * STRIDE;
            int key = table[at];
            if (key == state && table[at + 1] == word) {
                return table[at + 2];
            }
            if (key == 0) {
                return 0;
            }
        }
    }

    /** Adds an edge that is not there yet. */
    void put(int state, int word, int next) {
        if (2 * (size + 1) > table.length / STRIDE) {
            grow();
        }
        insert(state, word, next);
        size++;
    }

    private void insert(int state, int word, int next) {
        int slots = table.length / STRIDE;
        int slot = index(state, word);
        while (table[slot * STRIDE] != 0) {
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
        table[slot * STRIDE] = state;
        table[slot * STRIDE + 1] = word;
        table[slot * STRIDE + 2] = next;
    }

    /**
     * Shrinks the table to the least size that keeps it at most half full. A sparse table costs cache
     * misses on every probe; building starts from an upper bound on the edges, which is often twice
     * their number.
     */
    void trim() {
        int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, size) * 2 - 1));
        if (bits < 32 - shift) {
            rehash(bits);
        }
    }

    private void grow() {
        rehash(32 - shift + 1);
    }

    private void rehash(int bits) {
        int[] old = table;
        allocate(bits);
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at] != 0) {
                insert(old[at], old[at + 1], old[at + 2]);
            }
        }
    }

    private void allocate(int bits) {
        shift = 32 - bits;
        table = new int[STRIDE << bits];
    }

    private int index(int state, int word) {
        return (state * 0x9E3779B1 + word * 0x85EBCA6B) * 0x9E3779B1 >>> shift;
    }
}
