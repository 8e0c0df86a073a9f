package io.assisthost.plugins.rules;

import java.util.Locale;

/**
 * The titles of one request's candidates seen so far, compared as {@link #key(String)}: stripped and
 * lower-cased in the root locale.
 *
 * <p>A {@code HashSet} of keys would build a lower-cased copy of every title, on every request. Here a
 * title of ASCII characters only (nearly all of them) is hashed as its key would be, without building it;
 * keys are only built to compare titles whose hashes are equal, and for titles with other characters,
 * whose lower case is not a character-by-character mapping (U+0130 becomes two characters). Equality is
 * therefore exactly the equality of keys.
 *
 * <p>Open addressing over arrays sized for the request; one instance per request, not thread-safe. Public
 * for the re-scoring bound benchmark, which must compare titles exactly as this filter does.
 */
public final class SeenTitles {

    private final String[] titles;
    private final int[] hashes;
    private final int mask;
    private final int limit;
    private int size;

    /** @param limit how many titles may be added at most */
    SeenTitles(int limit) {
        // At least twice as many slots as titles keeps probe sequences short.
        int capacity = Integer.highestOneBit(Math.max(1, limit) * 2) << 1;
        titles = new String[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        this.limit = limit;
    }

    /** The form in which two titles are the same: stripped and lower-cased in the root locale. */
    public static String key(String title) {
        return title.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Records {@code title} unless an equal one is there.
     *
     * @return whether it was new
     */
    boolean add(String title) {
        int hash = keyHash(title);
        int slot = spread(hash) & mask;
        String key = null;
        while (titles[slot] != null) {
            if (hashes[slot] == hash) {
                key = key == null ? key(title) : key;
                if (key.equals(key(titles[slot]))) {
                    return false;
                }
            }
            slot = (slot + 1) & mask;
        }
        if (size == limit) {
            throw new IllegalStateException("more than " + limit + " titles");
        }
        titles[slot] = title;
        hashes[slot] = hash;
        size++;
        return true;
    }

    /** Equals {@code key(title).hashCode()}. */
    public static int keyHash(String title) {
        int start = 0;
        int end = title.length();
        while (start < end && Character.isWhitespace(title.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(title.charAt(end - 1))) {
            end--;
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            char c = title.charAt(i);
            if (c >= 0x80) {
                return key(title).hashCode();
            }
            hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return hash;
    }

    /** Mixes high bits into the low ones, as titles of one pattern differ in a few characters. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
