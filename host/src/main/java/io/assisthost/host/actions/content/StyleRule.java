package io.assisthost.host.actions.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the CSS of a {@code style} attribute. jsoup allows the attribute but cannot read CSS, so this
 * is where styles that run script or load anything from the network are refused.
 */
final class StyleRule {

    private static final Pattern FETCHING_FUNCTION =
            Pattern.compile("(url|image-set|-webkit-image-set|image|cross-fade|element|src)\\s*\\(");

    /** Constructs that run script or change behaviour, each with the reason given when found. */
    private static final Map<Pattern, String> FORBIDDEN = forbidden();

    private static final Pattern HEX_ESCAPE = Pattern.compile("\\\\([0-9a-fA-F]{1,6})[ \\t\\n\\r\\f]?");
    private static final Pattern CHAR_ESCAPE = Pattern.compile("\\\\(.)", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?(\\*/|$)", Pattern.DOTALL);

    private StyleRule() {
    }

    /** Every reason the declarations are refused, in a stable order; empty when they are allowed. */
    static List<String> check(String css) {
        List<String> reasons = new ArrayList<>();
        // Comments and escapes are how filters are evaded (ex/**/pression, \75rl); no card needs them.
        if (css.contains("/*")) {
            reasons.add("CSS comments are not allowed in style");
        }
        if (css.contains("\\")) {
            reasons.add("CSS escapes are not allowed in style");
        }
        String plain = unescape(COMMENT.matcher(css).replaceAll("")).toLowerCase(Locale.ROOT);
        Matcher fetching = FETCHING_FUNCTION.matcher(plain);
        if (fetching.find()) {
            reasons.add("style loads a remote resource (" + fetching.group(1) + "()");
        }
        FORBIDDEN.forEach((pattern, reason) -> {
            if (pattern.matcher(plain).find()) {
                reasons.add(reason);
            }
        });
        return reasons;
    }

    /** CSS text with its escapes resolved, so that {@code \75rl(} is seen as {@code url(}. */
    static String unescape(String css) {
        String hexDone = HEX_ESCAPE.matcher(css).replaceAll(match -> {
            int codePoint = Integer.parseInt(match.group(1), 16);
            boolean valid = codePoint > 0 && Character.isValidCodePoint(codePoint);
            return Matcher.quoteReplacement(valid ? Character.toString(codePoint) : "\uFFFD");
        });
        return CHAR_ESCAPE.matcher(hexDone).replaceAll(match ->
                Matcher.quoteReplacement(match.group(1).equals("\n") ? "" : match.group(1)));
    }

    private static Map<Pattern, String> forbidden() {
        Map<Pattern, String> rules = new LinkedHashMap<>();
        rules.put(Pattern.compile("expression\\s*\\("), "style uses expression(), which runs script");
        rules.put(Pattern.compile("@import"), "style uses @import, which loads a remote stylesheet");
        rules.put(Pattern.compile("behavior\\s*:"), "style uses behavior:, which runs script");
        rules.put(Pattern.compile("-moz-binding"), "style uses -moz-binding, which runs script");
        rules.put(Pattern.compile("(javascript|vbscript)\\s*:"), "style contains a script URL");
        return rules;
    }
}
