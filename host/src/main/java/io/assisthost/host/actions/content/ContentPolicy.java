package io.assisthost.host.actions.content;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What HTML an assist card may contain. Content the policy would change is refused, never silently
 * altered: an author who wrote {@code <img onerror=...>} learns it was refused and why, instead of
 * finding a different card on the desktop.
 *
 * <p>The authority is jsoup's {@link Cleaner} with the card {@link Safelist}: content it would alter
 * or that does not parse cleanly is refused. On top of that, a walk over jsoup's parse of the
 * original input names each offending fragment with a precise reason, and adds what the safelist
 * cannot express: CSS in {@code style} attributes, {@code data:} image types, link targets, script
 * calls in plain text and a size limit.
 *
 * <p>Immutable and thread-safe; each check parses afresh.
 */
public final class ContentPolicy {

    /** The largest card accepted, in UTF-8 bytes: cards are small, and parsing cost grows with size. */
    public static final int MAX_HTML_BYTES = 64 * 1024;

    /** The most violations one check reports; enough to fix a card, bounded for error responses. */
    public static final int MAX_VIOLATIONS = 50;

    private static final int MAX_PARSE_ERRORS = 5;

    private final Safelist safelist;

    private ContentPolicy(Safelist safelist) {
        this.safelist = safelist;
    }

    /** The policy for assist cards. */
    public static ContentPolicy cards() {
        return new ContentPolicy(CardSafelist.safelist());
    }

    /**
     * Every reason the HTML breaks the policy, in document order as far as possible.
     *
     * @param html a card's HTML, as the author sent it
     * @return the violations, at most {@value #MAX_VIOLATIONS}; empty when the card is accepted unchanged
     */
    public List<Violation> check(String html) {
        Objects.requireNonNull(html, "html");
        if (html.isBlank()) {
            return List.of(new Violation("", "card HTML is empty"));
        }
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_HTML_BYTES) {
            return List.of(new Violation(html, "card HTML is " + bytes + " bytes; the limit is " + MAX_HTML_BYTES));
        }
        SourceText source = new SourceText(html);
        Set<Violation> found = new LinkedHashSet<>(ScriptText.scan(source, html));
        MarkupWalk walk = new MarkupWalk(source, found, found.isEmpty());

        Parser browserView = Parser.htmlParser().setTrackErrors(MAX_PARSE_ERRORS).setTrackPosition(true);
        walk.tree(browserView.parseFragmentInput(html, Document.createShell("").body(), ""));
        walk.parseErrors(browserView.getErrors());
        walk.tagsAsWritten(Parser.xmlParser().setTrackPosition(true).parseFragmentInput(html, null, ""));

        if (found.isEmpty() && !new Cleaner(safelist).isValidBodyHtml(html)) {
            // The walk should explain every refusal; if jsoup disagrees, the sanitizer still wins.
            found.add(new Violation(html, "the sanitizer would change this content"));
        }
        return found.stream().limit(MAX_VIOLATIONS).toList();
    }

    /** Whether the HTML is accepted unchanged. */
    public boolean allows(String html) {
        return check(html).isEmpty();
    }

    /**
     * The Content-Security-Policy the card renders under, derived from what it uses. Every card gets:
     * <ul>
     *   <li>{@code default-src 'none'}: nothing loads unless a directive below allows it, so a fetch
     *       type nobody thought of stays blocked;</li>
     *   <li>{@code script-src 'none'}: cards never run script, so even markup that slipped past the
     *       policy cannot execute;</li>
     *   <li>{@code object-src 'none'}: no plugins, which {@code default-src} alone did not cover in
     *       every browser generation;</li>
     *   <li>{@code base-uri 'none'}: no {@code <base>} can re-point the card's links;</li>
     *   <li>{@code form-action 'none'}: nothing can post agents' input anywhere (it does not fall back
     *       to {@code default-src});</li>
     *   <li>{@code frame-ancestors 'self'}: only the desktop itself may frame the card, against
     *       clickjacking; it works in a header only, not in a {@code <meta>} tag.</li>
     * </ul>
     * and, depending on its content:
     * <ul>
     *   <li>{@code img-src} with the https origins of its images, and {@code data:} when it inlines
     *       images, present only when it has images, so a card cannot load from anywhere else;</li>
     *   <li>{@code style-src 'unsafe-inline'} only when it uses {@code style} attributes, which CSP
     *       treats as inline styles; {@code style-src-attr} would be narrower but Firefox 88 and
     *       Safari 14 ignore it. No {@code <style>} element can pass the policy, and the attribute
     *       values were checked not to load anything.</li>
     * </ul>
     *
     * @param html a card's HTML that satisfies this policy
     * @throws IllegalArgumentException if it does not, naming the first violation
     */
    public String csp(String html) {
        List<Violation> violations = check(html);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("card breaks the content policy: " + violations.get(0).message());
        }
        List<Node> card = Parser.htmlParser().parseFragmentInput(html, Document.createShell("").body(), "");
        return CardCsp.of(card);
    }
}
