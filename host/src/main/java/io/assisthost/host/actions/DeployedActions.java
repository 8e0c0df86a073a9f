package io.assisthost.host.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The deployed actions compiled for matching: one entry per variant being served, all phrases of all
 * entries in one {@link PhraseMatcher}, so an utterance costs one pass over its words however many
 * actions are deployed. Immutable and thread-safe; a change of the deployed set builds a new one.
 */
public final class DeployedActions {

    /** A variant being served: the action, its rollout, the variant and the version it shows. */
    public record Entry(String action, List<Variant> rollout, Variant variant, ActionDefinition definition, String csp) {
    }

    /** An entry whose phrases were heard and whose conditions the utterance meets. */
    public record Match(Entry entry, List<String> phrases) {
    }

    /** Nothing deployed. */
    public static final DeployedActions EMPTY = compile(List.of(), html -> "");

    private final Entry[] entries;
    private final PhraseMatcher matcher;
    private final double lowestConfidence;

    private DeployedActions(Entry[] entries, PhraseMatcher matcher, double lowestConfidence) {
        this.entries = entries;
        this.matcher = matcher;
        this.lowestConfidence = lowestConfidence;
    }

    /**
     * Compiles the deployed, enabled variants of {@code documents}.
     *
     * @param csp the content-security policy of a card's HTML
     */
    public static DeployedActions compile(List<ActionDocument> documents, Function<String, String> csp) {
        List<Entry> entries = new ArrayList<>();
        for (ActionDocument document : documents) {
            if (document.retired()) {
                continue;
            }
            List<Variant> rollout = document.rollout();
            for (Variant variant : rollout) {
                ActionDefinition definition = document.definition(variant.version());
                if (definition != null && definition.enabled() && variant.weight() > 0) {
                    entries.add(new Entry(document.name(), rollout, variant, definition, csp.apply(definition.html())));
                }
            }
        }
        return of(entries);
    }

    /** Compiles entries as they are. */
    public static DeployedActions of(List<Entry> entries) {
        List<List<String>> phrases = entries.stream().map(entry -> entry.definition().trigger().phrases()).toList();
        double lowest = entries.stream().mapToDouble(entry -> entry.definition().trigger().minConfidence()).min().orElse(2);
        return new DeployedActions(entries.toArray(Entry[]::new), PhraseMatcher.compile(phrases), lowest);
    }

    /** Variants being served. */
    public int size() {
        return entries.length;
    }

    /**
     * The variants that trigger on an utterance: phrases heard (any or all of them), attribute
     * conditions met, and the conversation assigned to that variant of the action.
     */
    public List<Match> evaluate(Utterance utterance) {
        if (utterance.confidence() < lowestConfidence || entries.length == 0) {
            return List.of();
        }
        PhraseMatcher.Hits hits = matcher.match(utterance.text());
        List<Match> matches = null;
        for (int i = 0; i < hits.size(); i++) {
            Entry entry = entries[hits.entry(i)];
            Trigger trigger = entry.definition().trigger();
            long heard = hits.phrases(i);
            boolean enough = trigger.match() == Trigger.Match.ANY || heard == matcher.fullMask(hits.entry(i));
            if (!enough || !trigger.admits(utterance)) {
                continue;
            }
            Variant assigned = entry.rollout().size() == 1 ? entry.rollout().get(0)
                    : VariantAssigner.assign(utterance.conversationId(), entry.action(), entry.rollout());
            if (!assigned.group().equals(entry.variant().group())) {
                continue;
            }
            if (matches == null) {
                matches = new ArrayList<>(2);
            }
            matches.add(new Match(entry, heardPhrases(trigger.phrases(), heard)));
        }
        return matches == null ? List.of() : matches;
    }

    private static List<String> heardPhrases(List<String> phrases, long mask) {
        List<String> heard = new ArrayList<>(Long.bitCount(mask));
        for (int bit = 0; bit < phrases.size(); bit++) {
            if ((mask & (1L << bit)) != 0) {
                heard.add(phrases.get(bit));
            }
        }
        return heard;
    }
}
