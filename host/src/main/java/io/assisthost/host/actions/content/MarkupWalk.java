package io.assisthost.host.actions.content;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.ParseError;
import org.jsoup.select.NodeTraversor;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks a parsed card and records, with a precise reason, every element, attribute, comment or text
 * run the {@link ContentPolicy} refuses. Not thread-safe: one walk per check.
 */
final class MarkupWalk {

    private static final Map<String, String> ELEMENT_REASONS = elementReasons();
    private static final Set<String> FREE_TEXT = Set.of("class", "title", "alt");
    private static final Pattern PIXELS = Pattern.compile("\\d{1,4}");
    private static final Set<String> LINK_RELS = Set.of("noopener", "noreferrer", "nofollow", "external");

    private final SourceText source;
    private final Set<Violation> found;
    private final boolean scanText;

    /**
     * @param scanText whether to look for script calls in decoded text, needed only when the raw
     *                 input had none (entities can hide {@code eval(} from a raw scan)
     */
    MarkupWalk(SourceText source, Set<Violation> found, boolean scanText) {
        this.source = source;
        this.found = found;
        this.scanText = scanText;
    }

    /** Checks the tree a browser builds: elements, attributes, comments and text. */
    void tree(List<Node> nodes) {
        nodes.forEach(root -> NodeTraversor.traverse((node, depth) -> visit(node, true), root));
    }

    /**
     * Checks every tag as written, including those the HTML tree builder drops or merges, such as
     * {@code <body onload=...>}: the same card may be rendered as a whole document, where it runs.
     */
    void tagsAsWritten(List<Node> nodes) {
        nodes.forEach(root -> NodeTraversor.traverse((node, depth) -> visit(node, false), root));
    }

    /** Every parse error is a refusal: the cleaner counts it as a change, and markup repair is how mXSS starts. */
    void parseErrors(List<ParseError> errors) {
        errors.forEach(error -> found.add(new Violation(source.around(error.getPosition()),
                "malformed markup: " + error.getErrorMessage())));
    }

    private void visit(Node node, boolean fullTree) {
        if (node instanceof Element element) {
            element(element);
        } else if (fullTree && node instanceof Comment) {
            found.add(new Violation(source.of(node), "comments are not allowed (conditional comments can hide markup)"));
        } else if (fullTree && scanText && node instanceof TextNode text) {
            ScriptText.reason(text.getWholeText()).ifPresent(reason -> found.add(new Violation(source.of(node), reason)));
        }
    }

    private void element(Element element) {
        String tag = element.normalName();
        boolean allowed = CardSafelist.allowsElement(tag);
        if (!allowed && !element.sourceRange().isImplicit()) {
            found.add(new Violation(source.of(element), ELEMENT_REASONS.getOrDefault(tag, "element " + tag + " is not allowed")));
        }
        for (Attribute attribute : element.attributes()) {
            attribute(element, tag, allowed, attribute);
        }
    }

    private void attribute(Element element, String tag, boolean allowedTag, Attribute attribute) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        String value = attribute.getValue();
        String fragment = source.of(element, attribute);
        if (key.startsWith("on")) {
            found.add(new Violation(fragment, "inline event handler " + key));
        }
        if (key.equals("style")) {
            StyleRule.check(value).forEach(reason -> found.add(new Violation(fragment, reason)));
        }
        if (scanText) {
            ScriptText.reason(value).ifPresent(reason -> found.add(new Violation(fragment, reason)));
        }
        boolean allowedAttribute = allowedTag && CardSafelist.allowsAttribute(tag, key);
        if (allowedAttribute) {
            allowedValue(tag, key, value).ifPresent(reason -> found.add(new Violation(fragment, reason)));
            return;
        }
        if (!FREE_TEXT.contains(key)) {
            UrlRule.scriptUrl(key, value).ifPresent(reason -> found.add(new Violation(fragment, reason)));
        }
        if (allowedTag && !key.startsWith("on")) {
            found.add(new Violation(fragment, "attribute " + key + " is not allowed on " + tag));
        }
    }

    private static Optional<String> allowedValue(String tag, String key, String value) {
        return switch (tag + "@" + key) {
            case "a@href" -> UrlRule.link(value);
            case "img@src" -> UrlRule.image(value);
            case "a@target" -> value.equals("_blank")
                    ? Optional.empty() : Optional.of("target may only be _blank");
            case "a@rel" -> LINK_RELS.containsAll(List.of(value.toLowerCase(Locale.ROOT).trim().split("\\s+")))
                    ? Optional.empty() : Optional.of("rel may only list external, nofollow, noopener, noreferrer");
            case "img@width", "img@height" -> PIXELS.matcher(value).matches()
                    ? Optional.empty() : Optional.of(key + " must be a whole number of pixels");
            default -> Optional.empty();
        };
    }

    private static Map<String, String> elementReasons() {
        Map<String, String> reasons = new HashMap<>();
        reasons.put("script", "script elements are not allowed");
        reasons.put("style", "style elements are not allowed; use the style attribute");
        for (String embed : List.of("iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe")) {
            reasons.put(embed, "element " + embed + " is not allowed: it embeds other content");
        }
        for (String form : List.of("form", "input", "button", "select", "textarea", "keygen", "isindex")) {
            reasons.put(form, "element " + form + " is not allowed: cards carry no forms");
        }
        for (String head : List.of("meta", "base", "link", "html", "head", "body", "title")) {
            reasons.put(head, "element " + head + " is not allowed: it changes the page around the card");
        }
        for (String foreign : List.of("svg", "math")) {
            reasons.put(foreign, "element " + foreign + " is not allowed: foreign content can carry script");
        }
        return Map.copyOf(reasons);
    }
}
