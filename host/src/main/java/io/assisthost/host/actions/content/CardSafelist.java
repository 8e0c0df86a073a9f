package io.assisthost.host.actions.content;

import org.jsoup.safety.Safelist;

import java.util.Map;
import java.util.Set;

/**
 * The elements and attributes an assist card may use: one table from which both the jsoup
 * {@link Safelist} and the detailed checks of {@link MarkupWalk} are derived, so the two cannot
 * drift apart.
 */
final class CardSafelist {

    /** Attributes every allowed element may carry; {@code style} values are checked by {@link StyleRule}. */
    static final Set<String> GLOBAL_ATTRIBUTES = Set.of("class", "style");

    /** Allowed elements and the attributes each accepts on top of {@link #GLOBAL_ATTRIBUTES}. */
    static final Map<String, Set<String>> ELEMENTS = Map.ofEntries(
            text("div"), text("span"), text("p"), text("br"), text("hr"),
            text("h1"), text("h2"), text("h3"), text("h4"), text("h5"), text("h6"),
            text("strong"), text("em"), text("b"), text("i"), text("u"), text("small"),
            text("ul"), text("ol"), text("li"), text("dl"), text("dt"), text("dd"),
            text("table"), text("thead"), text("tbody"), text("tr"), text("th"), text("td"),
            text("blockquote"), text("code"), text("pre"),
            Map.entry("a", Set.of("href", "title", "rel", "target")),
            Map.entry("img", Set.of("src", "alt", "width", "height")));

    /** Link schemes: web pages, and the two an agent uses to reach a customer. */
    static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "tel");

    /** Image schemes: https only (the desktop is served over https), and inline data images. */
    static final Set<String> IMAGE_SCHEMES = Set.of("https", "data");

    private CardSafelist() {
    }

    static boolean allowsElement(String tag) {
        return ELEMENTS.containsKey(tag);
    }

    static boolean allowsAttribute(String tag, String attribute) {
        return GLOBAL_ATTRIBUTES.contains(attribute) || ELEMENTS.getOrDefault(tag, Set.of()).contains(attribute);
    }

    /** A new jsoup safelist equal to this table; relative links are not preserved, as cards have no base URL. */
    static Safelist safelist() {
        Safelist safelist = new Safelist().preserveRelativeLinks(false);
        ELEMENTS.forEach((tag, attributes) -> {
            safelist.addTags(tag);
            if (!attributes.isEmpty()) {
                safelist.addAttributes(tag, attributes.toArray(String[]::new));
            }
        });
        safelist.addAttributes(":all", GLOBAL_ATTRIBUTES.toArray(String[]::new));
        safelist.addProtocols("a", "href", LINK_SCHEMES.toArray(String[]::new));
        safelist.addProtocols("img", "src", IMAGE_SCHEMES.toArray(String[]::new));
        return safelist;
    }

    private static Map.Entry<String, Set<String>> text(String tag) {
        return Map.entry(tag, Set.of());
    }
}
