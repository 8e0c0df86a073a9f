package io.assisthost.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map of score components to values, for {@link Candidate#scores()}: a shared array of
 * component names and an array of primitive values, so that building one for every candidate of every
 * request costs no hashing and no boxing. A {@link Candidate} keeps it as it is, where it copies any
 * other map. Values are boxed when they are read.
 *
 * <p>It behaves as the maps of {@link java.util.Map#of()}: it refuses {@code null} keys and values
 * (and lookups of them) and every change, and equals any map with the same entries. It iterates in the
 * order of its {@link Keys}.
 *
 * <p>Example (the host's score combiner does this for each request):
 * <pre>{@code
 * ScoreMap.Keys keys = ScoreMap.keys(Candidate.RELEVANCE, "semantic");   // once
 * Map<String, Double> scores = keys.with(0.82, 0.47);                     // per candidate
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreMap extends AbstractMap<String, Double> {

    private final String[] names;
    private final double[] values;

    private ScoreMap(String[] names, double[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * The component names of score maps to be built with {@link Keys#with(double...)}.
     *
     * @param names the component names, in the order the maps iterate; none {@code null}, no two equal
     * @return the keys, to share between any number of maps
     * @throws NullPointerException     if a name is {@code null}
     * @throws IllegalArgumentException if two names are equal
     */
    public static Keys keys(String... names) {
        String[] copy = names.clone();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "name");
            for (int j = 0; j < i; j++) {
                if (copy[j].equals(copy[i])) {
                    throw new IllegalArgumentException("duplicate component name: " + copy[i]);
                }
            }
        }
        return new Keys(copy);
    }

    /** An ordered set of distinct component names, shared by the score maps built on it. Immutable. */
    public static final class Keys {

        private final String[] names;

        private Keys(String[] names) {
            this.names = names;
        }

        /**
         * @return how many names there are; a map built on these keys has this many entries
         */
        public int size() {
            return names.length;
        }

        /**
         * A score map with these keys.
         *
         * @param values the value of each name, in the order of the names; copied
         * @return the map
         * @throws IllegalArgumentException if there are not {@link #size()} values
         */
        public ScoreMap with(double... values) {
            if (values.length != names.length) {
                throw new IllegalArgumentException(names.length + " names but " + values.length + " values");
            }
            return new ScoreMap(names, values.clone());
        }
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value);
        return super.containsValue(value);
    }

    @Override
    public Double get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Double getOrDefault(Object key, Double defaultValue) {
        int i = indexOf(key);
        return i < 0 ? defaultValue : values[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Double> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next == names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }

    private int indexOf(Object key) {
        Objects.requireNonNull(key);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
