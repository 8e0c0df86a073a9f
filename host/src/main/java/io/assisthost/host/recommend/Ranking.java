package io.assisthost.host.recommend;

/**
 * Orders candidates by descending score, equal scores keeping their order: the ranking of
 * {@link ScoreCombiner}. Sorting positions by a primitive score array costs a fraction of sorting the
 * candidates through a comparator that reads each score back from its candidate at every comparison.
 */
final class Ranking {

    /** Below this many, insertion sort is faster than merging. */
    private static final int INSERTION_SORT_MAX = 24;

    private Ranking() {
    }

    /**
     * @param items  the items in their original order
     * @param scores the score of each item, {@code scores[i]} for {@code items[i]}; compared as by
     *               {@link Double#compare}
     * @return the items best first, ties in their original order; {@code items} itself, reordered
     */
    static <T> T[] bestFirst(T[] items, double[] scores) {
        int count = items.length;
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        sort(order, new int[count], 0, count, scores);
        Object[] original = items.clone();
        for (int i = 0; i < count; i++) {
            @SuppressWarnings("unchecked")
            T item = (T) original[order[i]];
            items[i] = item;
        }
        return items;
    }

    /** Stable merge sort of {@code order[from, to)}, best first; {@code spare} is scratch space. */
    private static void sort(int[] order, int[] spare, int from, int to, double[] scores) {
        if (to - from <= INSERTION_SORT_MAX) {
            insertionSort(order, from, to, scores);
            return;
        }
        int middle = (from + to) >>> 1;
        sort(order, spare, from, middle, scores);
        sort(order, spare, middle, to, scores);
        if (!before(order[middle], order[middle - 1], scores)) {
            return;
        }
        System.arraycopy(order, from, spare, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            // Taking from the left on ties keeps the sort stable.
            if (right == to || (left < middle && !before(spare[right], spare[left], scores))) {
                order[i] = spare[left++];
            } else {
                order[i] = spare[right++];
            }
        }
    }

    private static void insertionSort(int[] order, int from, int to, double[] scores) {
        for (int i = from + 1; i < to; i++) {
            int item = order[i];
            int j = i - 1;
            while (j >= from && before(item, order[j], scores)) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = item;
        }
    }

    /** Whether item {@code a} ranks strictly before item {@code b}. */
    private static boolean before(int a, int b, double[] scores) {
        return Double.compare(scores[a], scores[b]) > 0;
    }
}
