package io.assisthost.plugins.rules;

import io.assisthost.api.Candidate;
import io.assisthost.api.FilterDecision;
import io.assisthost.api.FilterRequest;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.PluginConfig;
import io.assisthost.api.PluginContext;
import io.assisthost.api.RecommendationFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Drops candidates by rule, with the rule as the reason: content type not allowed, combined score under
 * the minimum, a blocked label or category, a duplicate of a better-ranked article (same title), or a
 * rank past the top K.
 *
 * <p>Settings ({@code plugins.config.rule-filter}), each combined with the request's own:
 * {@code allowedTypes} (list; the request's list narrows it further), {@code minScore} (0..1; the higher
 * of it and the request's {@code minRelevance} applies), {@code blockedLabels}, {@code blockedCategories}
 * (lists, compared case-insensitively), {@code topK} (the lower of it and the request's
 * {@code maxResults} applies), {@code dedupe} (default true).
 */
@Extension(ordinal = 100)
public class RuleFilter implements RecommendationFilter {

    private final Set<String> allowedTypes;
    private final double minScore;
    private final Set<String> blockedLabels;
    private final Set<String> blockedCategories;
    private final int topK;
    private final boolean dedupe;

    public RuleFilter(PluginContext context) {
        PluginConfig config = context.config();
        this.allowedTypes = lowerCase(config.getStrings("allowedTypes"));
        this.minScore = config.getDouble("minScore", 0.0);
        this.blockedLabels = lowerCase(config.getStrings("blockedLabels"));
        this.blockedCategories = lowerCase(config.getStrings("blockedCategories"));
        this.topK = config.getInt("topK", 50);
        this.dedupe = config.getBoolean("dedupe", true);
        if (minScore < 0 || minScore > 1 || topK < 1) {
            throw new IllegalArgumentException("rule-filter: minScore must be in [0, 1] and topK at least 1");
        }
    }

    @Override
    public List<FilterDecision> filter(FilterRequest request) {
        InteractionContext context = request.context();
        Set<String> requestTypes = lowerCase(context.allowedTypes());
        double threshold = Math.max(minScore, context.minRelevance());
        int limit = Math.min(topK, context.maxResults());
        Set<String> seenTitles = new HashSet<>();
        List<FilterDecision> decisions = new ArrayList<>();
        int kept = 0;
        for (Candidate candidate : request.candidates()) {
            String reason = dropReason(candidate, requestTypes, threshold, seenTitles);
            if (reason == null && kept >= limit) {
                reason = "beyond top " + limit;
            }
            if (reason == null) {
                kept++;
                decisions.add(FilterDecision.keep(candidate.documentId()));
            } else {
                decisions.add(FilterDecision.drop(candidate.documentId(), reason));
            }
        }
        return decisions;
    }

    private String dropReason(Candidate candidate, Set<String> requestTypes, double threshold, Set<String> seenTitles) {
        String type = candidate.contentType().toLowerCase(Locale.ROOT);
        if (!allowedTypes.isEmpty() && !allowedTypes.contains(type)) {
            return "content type " + candidate.contentType() + " not allowed";
        }
        if (!requestTypes.isEmpty() && !requestTypes.contains(type)) {
            return "content type " + candidate.contentType() + " not requested";
        }
        if (candidate.combinedScore() < threshold) {
            return String.format(Locale.ROOT, "score %.3f below %.3f", candidate.combinedScore(), threshold);
        }
        for (String label : candidate.labels()) {
            if (blockedLabels.contains(label.toLowerCase(Locale.ROOT))) {
                return "label " + label + " blocked";
            }
        }
        if (candidate.category() != null && blockedCategories.contains(candidate.category().toLowerCase(Locale.ROOT))) {
            return "category " + candidate.category() + " blocked";
        }
        if (dedupe && !seenTitles.add(candidate.title().strip().toLowerCase(Locale.ROOT))) {
            return "duplicate of a better-ranked article";
        }
        return null;
    }

    private static Set<String> lowerCase(List<String> values) {
        Set<String> set = new HashSet<>();
        values.forEach(v -> set.add(v.toLowerCase(Locale.ROOT)));
        return Set.copyOf(set);
    }
}
