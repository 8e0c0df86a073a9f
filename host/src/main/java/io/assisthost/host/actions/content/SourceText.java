package io.assisthost.host.actions.content;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;

/**
 * The author's original HTML, from which violations quote their fragments verbatim. jsoup normalises
 * names and decodes entities, so quoting its rendering would show authors text they never wrote.
 */
final class SourceText {

    private static final int CONTEXT = 40;

    private final String html;

    SourceText(String html) {
        this.html = html;
    }

    /** The node as written: an element's start tag, a comment or a text run. */
    String of(Node node) {
        Range range = node.sourceRange();
        if (!range.isTracked() || range.isImplicit() || range.endPos() <= range.startPos()) {
            return node instanceof Element element ? "<" + element.tagName() + ">" : "";
        }
        return slice(range.startPos(), range.endPos());
    }

    /** The attribute as written, from its name to the closing quote of its value. */
    String of(Element element, Attribute attribute) {
        Range name = attribute.sourceRange().nameRange();
        Range value = attribute.sourceRange().valueRange();
        if (!name.isTracked()) {
            return of(element);
        }
        int end = value.isTracked() ? Math.max(name.endPos(), value.endPos()) : name.endPos();
        if (value.isTracked() && end < html.length() && isQuote(html.charAt(end))
                && value.startPos() > 0 && html.charAt(value.startPos() - 1) == html.charAt(end)) {
            end++;
        }
        return slice(name.startPos(), end);
    }

    /** Text around a position the parser complained about, starting at the tag it was in if near. */
    String around(int position) {
        int at = Math.max(0, Math.min(position, html.length()));
        int tagStart = html.lastIndexOf('<', Math.max(0, at - 1));
        int start = tagStart >= 0 && at - tagStart <= CONTEXT ? tagStart : Math.max(0, at - CONTEXT);
        return slice(start, Math.min(html.length(), Math.max(at, start) + CONTEXT));
    }

    /** The text from a position on, as much as a violation quotes. */
    String from(int position) {
        return slice(position, Math.min(html.length(), position + Violation.MAX_FRAGMENT));
    }

    private String slice(int start, int end) {
        return html.substring(Math.max(0, start), Math.min(html.length(), Math.max(start, end)));
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }
}
