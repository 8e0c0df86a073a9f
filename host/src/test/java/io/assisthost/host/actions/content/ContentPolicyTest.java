package io.assisthost.host.actions.content;

import org.jsoup.safety.Cleaner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentPolicyTest {

    private static final ContentPolicy POLICY = ContentPolicy.cards();

    /** Reasons that say only that something is wrong, not what; every payload must earn a better one. */
    private static final Set<String> GENERIC = Set.of("the sanitizer would change this content");

    static List<String> payloads() throws IOException {
        try (InputStream in = ContentPolicyTest.class.getResourceAsStream("xss-payloads.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("# "))
                    .map(ContentPolicyTest::unescape)
                    .toList();
        }
    }

    static List<String> legitimateCards() {
        return List.of(
                "<div class=\"card\"><h2>Refund policy</h2><p>Refunds within <strong>30 days</strong>.</p></div>",
                "<div><h1>A</h1><h3>B</h3><h6>C</h6><p><em>e</em> <b>b</b> <i>i</i> <u>u</u> <small>s</small></p></div>",
                "<ul><li>One</li><li>Two</li></ul><ol><li>First</li></ol><dl><dt>Term</dt><dd>Meaning</dd></dl>",
                "<p><a href=\"https://help.example.com/refunds\" title=\"Refunds\" target=\"_blank\" rel=\"noopener noreferrer\">Policy</a></p>",
                "<p>Call <a href=\"tel:+441234567890\">+44 1234 567890</a> or <a href=\"mailto:support@example.com\">mail us</a>.</p>",
                "<p><a href=\"http://intranet.example.com/kb/42\">KB 42</a></p>",
                "<img src=\"https://cdn.example.com/logo.png\" alt=\"Logo\" width=\"120\" height=\"40\">",
                "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\" alt=\"dot\">",
                "<table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Gold</td><td>&pound;10</td></tr></tbody></table>",
                "<blockquote>Quote</blockquote><pre><code>ORDER-1234</code></pre><hr><p>Line<br>break</p>",
                "<div style=\"color:#333;font-weight:bold\">Styled</div><span style=\"font-family:'Segoe UI', sans-serif; margin: 0 4px\">x</span>",
                "<p>Tom &amp; Jerry say 2 &lt; 3 and evaluate the offer.</p>");
    }

    @Test
    void theCorpusHoldsAtLeastSixtyDistinctPayloads() throws IOException {
        List<String> payloads = payloads();

        assertThat(payloads).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void rejectsEveryPayloadWithASpecificReasonAndAFragmentOfTheInput(String payload) {
        String card = card(payload);

        List<Violation> violations = POLICY.check(card);

        assertThat(violations).as("violations for %s", payload).isNotEmpty();
        assertThat(violations).allSatisfy(violation -> {
            assertThat(violation.reason()).isNotBlank();
            assertThat(card).contains(violation.fragment());
        });
        assertThat(violations).extracting(Violation::reason)
                .anyMatch(reason -> !GENERIC.contains(reason) && !reason.startsWith("malformed markup"));
    }

    @Test
    void theCorpusIsRefusedForManyDifferentReasons() throws IOException {
        Set<String> reasons = payloads().stream()
                .flatMap(payload -> POLICY.check(card(payload)).stream())
                .map(Violation::reason)
                .collect(Collectors.toSet());

        assertThat(reasons).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest
    @MethodSource("legitimateCards")
    void acceptsLegitimateCardsUnchanged(String card) {
        assertThat(POLICY.check(card)).isEmpty();
        assertThat(POLICY.allows(card)).isTrue();
        assertThat(new Cleaner(CardSafelist.safelist()).isValidBodyHtml(card)).isTrue();
    }

    @Test
    void namesScriptElements() {
        assertThat(POLICY.check(card("<script>alert(1)</script>")))
                .contains(new Violation("<script>", "script elements are not allowed"));
    }

    @Test
    void namesInlineEventHandlersWithTheirCode() {
        assertThat(POLICY.check(card("<div onclick=\"alert(1)\">x</div>")))
                .containsExactly(new Violation("onclick=\"alert(1)\"", "inline event handler onclick"));
    }

    @Test
    void namesJavascriptUrlsByAttribute() {
        assertThat(POLICY.check(card("<a href=\"javascript:alert(1)\">x</a>")))
                .containsExactly(new Violation("href=\"javascript:alert(1)\"", "javascript: URL in href"));
    }

    @Test
    void namesStylesThatLoadRemoteResources() {
        assertThat(POLICY.check(card("<p style=\"background:url(http://x)\">x</p>")))
                .containsExactly(new Violation("style=\"background:url(http://x)\"", "style loads a remote resource (url()"));
    }

    @Test
    void namesDisallowedElementsAndAttributes() {
        assertThat(POLICY.check(card("<iframe src=\"https://example.com\"></iframe>")))
                .contains(new Violation("<iframe src=\"https://example.com\">",
                        "element iframe is not allowed: it embeds other content"));
        assertThat(POLICY.check(card("<img src=\"https://cdn.example.com/a.png\" xyz=\"1\">")))
                .containsExactly(new Violation("xyz=\"1\"", "attribute xyz is not allowed on img"));
    }

    @Test
    void refusesEvalAndDocumentWriteAnywhereInAnyCase() {
        assertThat(POLICY.check("<p>Try EVAL(x) now</p>"))
                .containsExactly(new Violation("EVAL(x) now</p>", "eval( is not allowed"));
        assertThat(POLICY.check("<p class=\"x\">Document.Write('y')</p>"))
                .containsExactly(new Violation("Document.Write('y')</p>", "document.write is not allowed"));
    }

    @Test
    void refusesImagesThatAreNotHttpsOrRasterData() {
        assertThat(POLICY.check("<img src=\"http://cdn.example.com/a.png\">")).extracting(Violation::reason)
                .containsExactly("http image in src: images must use https");
        assertThat(POLICY.check("<img src=\"data:text/plain,hi\">")).extracting(Violation::reason)
                .containsExactly("data: URL in src must be a png, jpeg, gif or webp image");
    }

    @Test
    void restrictsLinkTargetsAndRelations() {
        assertThat(POLICY.check("<a href=\"https://example.com\" target=\"_top\" rel=\"opener\">x</a>"))
                .extracting(Violation::reason)
                .containsExactly("target may only be _blank", "rel may only list external, nofollow, noopener, noreferrer");
    }

    @Test
    void refusesEmptyAndOversizedCards() {
        assertThat(POLICY.check(" \n")).containsExactly(new Violation("", "card HTML is empty"));

        String big = "<p>" + "x".repeat(ContentPolicy.MAX_HTML_BYTES) + "</p>";
        assertThat(POLICY.check(big)).singleElement()
                .satisfies(violation -> assertThat(violation.reason()).isEqualTo(
                        "card HTML is " + (ContentPolicy.MAX_HTML_BYTES + 7) + " bytes; the limit is 65536"));
    }

    @Test
    void reportsMalformedMarkupAtItsPosition() {
        assertThat(POLICY.check("<p>a < b</p>")).singleElement()
                .satisfies(violation -> {
                    assertThat(violation.reason()).startsWith("malformed markup: ");
                    assertThat(violation.fragment()).isEqualTo("< b</p>");
                });
    }

    @Test
    void violationsRenderAsFieldErrors() {
        Violation violation = new Violation("<script>", "script elements are not allowed");

        assertThat(violation.message()).isEqualTo("script elements are not allowed: <script>");
        assertThat(violation.toJson("html").getMap()).containsEntry("field", "html")
                .containsEntry("fragment", "<script>").containsEntry("reason", "script elements are not allowed");
        assertThat(new Violation("x".repeat(200), "r").fragment()).hasSize(Violation.MAX_FRAGMENT);
    }

    @Test
    void cspOfPlainTextCardAllowsNothing() {
        assertThat(POLICY.csp("<p>Hello</p>")).isEqualTo("default-src 'none'; script-src 'none'; object-src 'none'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    }

    @Test
    void cspListsTheOriginsOfImagesAndDataWhenInlined() {
        String card = "<img src=\"https://cdn.example.com/a.png\"><img src=\"https://CDN.example.com/b.png?x=1\">"
                + "<img src=\"https://img.example.org:8443/c.png\"><img src=\"https://cdn.example.com:443/d.png\">"
                + "<img src=\"data:image/png;base64,iVBORw0KGgo=\">";

        assertThat(POLICY.csp(card)).endsWith("frame-ancestors 'self'; "
                + "img-src https://cdn.example.com https://img.example.org:8443 data:");
    }

    @Test
    void cspAllowsInlineStylesOnlyWhenTheCardHasStyleAttributes() {
        assertThat(POLICY.csp("<p style=\"color:#333\">x</p>")).endsWith("; style-src 'unsafe-inline'");
        assertThat(POLICY.csp("<p class=\"lead\">x</p>")).doesNotContain("style-src");
    }

    @Test
    void cspIsRefusedForContentThatBreaksThePolicy() {
        assertThatThrownBy(() -> POLICY.csp("<img src=x onerror=alert(1)>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("card breaks the content policy: ");
    }

    private static String card(String payload) {
        return "<div class=\"card\"><p>Hi</p>" + payload + "</div>";
    }

    private static String unescape(String line) {
        Matcher escape = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(line);
        return escape.replaceAll(match -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(match.group(1), 16))));
    }
}
