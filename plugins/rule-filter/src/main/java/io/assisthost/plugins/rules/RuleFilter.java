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
 * Drops candidates by rule, with the rule as the reason, checked in this order: content type not
 * allowed, combined score under the minimum, a blocked label or category, a rank past the top K, or a
 * duplicate of a better-ranked article (same title).
 *
 * <p>Settings ({@code plugins.config.rule-filter}), each combined with the request's own:
 * {@code allowedTypes} (list; the request's list narrows it further), {@code minScore} (0..1; the higher
 * of it and the request's {@code minRelevance} applies), {@code blockedLabels}, {@code blockedCategories}
 * (lists, compared case-insensitively), {@code topK} (the lower of it and the request's
 * {@code maxResults} applies), {@code dedupe} (default true).
 */
@Extension(ordinal = 100)
public class RuleFilter implements RecommendationFilter {

    private static final String DUPLICATE = "duplicate of a better-ranked article";

    private final Set<String> allowedTypes;
    private final double minScore;
    private final Set<String> blockedLabels;
    private final Set<String> blockedCategories;
    private final int topK;
    private final boolean dedupe;
    private final String beyondTopK;
    private final String belowMinScore;

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
        // The reasons for the configured limits, which apply to most requests, are built once.
        this.beyondTopK = beyondTop(topK);
        this.belowMinScore = below(minScore);
    }

    /** Answers drops only: a candidate it does not mention is kept. */
    @Override
    public List<FilterDecision> filter(FilterRequest request) {
        InteractionContext context = request.context();
        Set<String> requestTypes = lowerCase(context.allowedTypes());
        double threshold = Math.max(minScore, context.minRelevance());
        int limit = Math.min(topK, context.maxResults());
        String beyondLimit = limit == topK ? beyondTopK : beyondTop(limit);
        String belowThreshold = threshold == minScore ? belowMinScore : below(threshold);
        SeenTitles seenTitles = dedupe ? new SeenTitles(request.candidates().size()) : null;
        List<FilterDecision> drops = new ArrayList<>(request.candidates().size());
        int kept = 0;
        for (Candidate candidate : request.candidates()) {
            String reason = dropReason(candidate, requestTypes, threshold, belowThreshold);
            if (reason == null && kept >= limit) {
                reason = beyondLimit;
            }
            // Titles are compared last, and only for candidates that could still be kept: it is the
            // costliest rule, and most candidates of a search are past the top K.
            if (reason == null && seenTitles != null && !seenTitles.add(candidate.title())) {
                reason = DUPLICATE;
            }
            if (reason == null) {
                kept++;
            } else {
                drops.add(FilterDecision.drop(candidate.documentId(), reason));
            }
        }
        return drops;
    }

    private String dropReason(Candidate candidate, Set<String> requestTypes, double threshold, String belowThreshold) {
        if (!allowedTypes.isEmpty() || !requestTypes.isEmpty()) {
            String type = candidate.contentType().toLowerCase(Locale.ROOT);
            if (!allowedTypes.isEmpty() && !allowedTypes.contains(type)) {
                return "content type " + candidate.contentType() + " not allowed";
            }
            if (!requestTypes.isEmpty() && !requestTypes.contains(type)) {
                return "content type " + candidate.contentType() + " not requested";
            }
        }
        if (candidate.combinedScore() < threshold) {
            return "score " + threeDecimals(candidate.combinedScore()) + belowThreshold;
        }
        if (!blockedLabels.isEmpty()) {
            for (String label : candidate.labels()) {
                if (blockedLabels.contains(label.toLowerCase(Locale.ROOT))) {
                    return "label " + label + " blocked";
                }
            }
        }
        if (!blockedCategories.isEmpty() && candidate.category() != null
                && blockedCategories.contains(candidate.category().toLowerCase(Locale.ROOT))) {
            return "category " + candidate.category() + " blocked";
        }
        return null;
    }

    private static String beyondTop(int limit) {
        return "beyond top " + limit;
    }

    private static String below(double threshold) {
        return " below " + threeDecimals(threshold);
    }

    /** A score in [0, 1] to three decimals, without {@code String.format}'s cost on every drop. */
    static String threeDecimals(double score) {
        long thousandths = Math.round(Math.max(0, Math.min(1, score)) * 1000);
        if (thousandths == 1000) {
            return "1.000";
        }
        String digits = Long.toString(thousandths);
        return "0." + "000".substring(digits.length()) + digits;
    }

    private static Set<String> lowerCase(List<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> set = new HashSet<>();
        values.forEach(v -> set.add(v.toLowerCase(Locale.ROOT)));
        return Set.copyOf(set);
    }
}
