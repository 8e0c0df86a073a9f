package io.assisthost.host.actions;

import io.assisthost.host.actions.matching.PhraseMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed actions compiled for matching: one entry per variant being served, all phrases of all
 * entries in one {@link PhraseMatcher}, so an utterance costs one pass over its words however many
 * actions are deployed. Immutable and thread-safe; a change of the deployed set builds a new one.
 */
public final class DeployedActions {

    private static final Logger LOG = LoggerFactory.getLogger(DeployedActions.class);

    /** A variant being served: the action, its rollout, the variant and the version it shows. */
    public record Entry(String action, List<Variant> rollout, Variant variant, ActionDefinition definition, String csp) {
    }

    /**
     * The entries that trigger on one utterance. Flat arrays rather than an object per entry: at
     * 10,000 actions an utterance can trigger dozens.
     */
    public static final class Matches {

        private static final Matches NONE = new Matches(new Entry[0], new int[0], new long[0], 0);

        private final Entry[] entries;
        private final int[] indexes;
        private final long[] heard;
        private final int size;

        private Matches(Entry[] entries, int[] indexes, long[] heard, int size) {
            this.entries = entries;
            this.indexes = indexes;
            this.heard = heard;
            this.size = size;
        }

        public int size() {
            return size;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        /** The {@code i}th entry that triggered. */
        public Entry entry(int i) {
            return entries[indexes[checked(i)]];
        }

        /** The phrases of the {@code i}th entry that were heard, in its trigger's order. */
        public List<String> phrases(int i) {
            List<String> phrases = entry(i).definition().trigger().phrases();
            long mask = heard[i];
            List<String> heardPhrases = new ArrayList<>(Long.bitCount(mask));
            for (int bit = 0; bit < phrases.size(); bit++) {
                if ((mask & (1L << bit)) != 0) {
                    heardPhrases.add(phrases.get(bit));
                }
            }
            return heardPhrases;
        }

        private int checked(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return i;
        }
    }

    /** Nothing deployed. */
    public static final DeployedActions EMPTY = of(List.of());

    private final Entry[] entries;
    private final PhraseMatcher matcher;
    private final double lowestConfidence;
    // The checks every heard entry goes through, in flat arrays: at 10,000 actions an utterance hears
    // dozens of them, and chasing entry -> definition -> trigger for each would cost more than the match.
    private final double[] minConfidence;
    private final Trigger.Speaker[] speaker;
    private final long[] required;
    private final long[] mediaTypes;
    private final boolean[] conditional;
    private final boolean[] split;
    private final Map<String, Long> mediaBits = new HashMap<>();

    private DeployedActions(Entry[] entries, PhraseMatcher matcher) {
        this.entries = entries;
        this.matcher = matcher;
        this.minConfidence = new double[entries.length];
        this.speaker = new Trigger.Speaker[entries.length];
        this.required = new long[entries.length];
        this.mediaTypes = new long[entries.length];
        this.conditional = new boolean[entries.length];
        this.split = new boolean[entries.length];
        double lowest = 2;
        for (int i = 0; i < entries.length; i++) {
            Trigger trigger = entries[i].definition().trigger();
            minConfidence[i] = trigger.minConfidence();
            speaker[i] = trigger.speaker();
            required[i] = trigger.match() == Trigger.Match.ALL ? matcher.fullMask(i) : 0;
            mediaTypes[i] = mediaMask(trigger.mediaTypes());
            conditional[i] = !trigger.queueIds().isEmpty() || !trigger.skillIds().isEmpty();
            split[i] = entries[i].rollout().size() > 1;
            lowest = Math.min(lowest, minConfidence[i]);
        }
        this.lowestConfidence = lowest;
        if (mediaBits.size() > 63) {
            for (int i = 0; i < entries.length; i++) {
                conditional[i] |= mediaTypes[i] != -1L;
            }
        }
    }

    /**
     * The media types as bits, one per type named by any trigger; a trigger with none accepts every
     * type (all bits). Beyond 63 distinct types the rest share the last bit, and every entry naming
     * types is then checked by {@link Trigger#admits} as well.
     */
    private long mediaMask(List<String> types) {
        if (types.isEmpty()) {
            return -1L;
        }
        long mask = 0;
        for (String type : types) {
            mask |= mediaBits.computeIfAbsent(type, t -> 1L << Math.min(mediaBits.size(), 63));
        }
        return mask;
    }

    /**
     * Compiles the deployed, enabled variants of {@code documents}. A variant that cannot be served (its
     * version missing from the document) is left out and logged rather than stopping all the others.
     */
    public static DeployedActions compile(List<ActionDocument> documents) {
        List<Entry> entries = new ArrayList<>();
        for (ActionDocument document : documents) {
            if (document.retired()) {
                continue;
            }
            List<Variant> rollout = document.rollout();
            for (Variant variant : rollout) {
                ActionDefinition definition = document.definition(variant.version());
                if (definition == null) {
                    LOG.error("Action {} deploys version {}, which it does not have; that variant is not served",
                            document.name(), variant.version());
                } else if (definition.enabled() && variant.weight() > 0) {
                    entries.add(new Entry(document.name(), rollout, variant, definition, document.csp(variant.version())));
                }
            }
        }
        return of(entries);
    }

    /** Compiles entries as they are. */
    public static DeployedActions of(List<Entry> entries) {
        List<List<String>> phrases = entries.stream().map(entry -> entry.definition().trigger().phrases()).toList();
        return new DeployedActions(entries.toArray(Entry[]::new), PhraseMatcher.compile(phrases));
    }

    /** Variants being served. */
    public int size() {
        return entries.length;
    }

    /**
     * The variants that trigger on an utterance: phrases heard (any or all of them), attribute
     * conditions met, and the conversation assigned to that variant of the action.
     */
    public Matches evaluate(Utterance utterance) {
        if (utterance.confidence() < lowestConfidence || entries.length == 0) {
            return Matches.NONE;
        }
        PhraseMatcher.Hits hits = matcher.match(utterance.text());
        double confidence = utterance.confidence();
        String said = utterance.speaker();
        long media = utterance.mediaType() == null ? 0 : mediaBits.getOrDefault(utterance.mediaType(), 0L);
        int[] indexes = null;
        long[] heardPhrases = null;
        int size = 0;
        for (int i = 0; i < hits.size(); i++) {
            int index = hits.entry(i);
            long heard = hits.phrases(i);
            if (confidence < minConfidence[index] || (heard & required[index]) != required[index]
                    || !speaker[index].accepts(said) || (mediaTypes[index] != -1L && (mediaTypes[index] & media) == 0)) {
                continue;
            }
            if ((conditional[index] && !entries[index].definition().trigger().admits(utterance))
                    || (split[index] && !assigned(entries[index], utterance))) {
                continue;
            }
            if (indexes == null) {
                indexes = new int[hits.size() - i];
                heardPhrases = new long[hits.size() - i];
            }
            indexes[size] = index;
            heardPhrases[size++] = heard;
        }
        return size == 0 ? Matches.NONE : new Matches(entries, indexes, heardPhrases, size);
    }

    /** Whether the conversation is assigned to the entry's variant of its action. */
    private static boolean assigned(Entry entry, Utterance utterance) {
        return VariantAssigner.assign(utterance.conversationId(), entry.action(), entry.rollout()).group()
                .equals(entry.variant().group());
    }
}
