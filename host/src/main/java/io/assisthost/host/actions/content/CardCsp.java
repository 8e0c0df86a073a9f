package io.assisthost.host.actions.content;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Derives the Content-Security-Policy of one card from what it actually uses, so that each card gets
 * the narrowest policy it can render under. The reasons for each directive are on
 * {@link ContentPolicy#csp(String)}.
 */
final class CardCsp {

    static final String BASE = "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'self'";

    private final TreeSet<String> imageSources = new TreeSet<>();
    private boolean dataImages;
    private boolean styleAttributes;

    private CardCsp() {
    }

    /** The policy for a card already proven to satisfy the content policy. */
    static String of(List<Node> card) {
        CardCsp csp = new CardCsp();
        card.forEach(root -> NodeTraversor.traverse((node, depth) -> csp.visit(node), root));
        return csp.render();
    }

    private void visit(Node node) {
        if (!(node instanceof Element element)) {
            return;
        }
        styleAttributes |= element.hasAttr("style");
        if (element.normalName().equals("img") && element.hasAttr("src")) {
            String src = element.attr("src");
            if (UrlRule.normalise(src).startsWith("data:")) {
                dataImages = true;
            } else {
                UrlRule.httpsOrigin(src).ifPresent(imageSources::add);
            }
        }
    }

    private String render() {
        StringBuilder policy = new StringBuilder(BASE);
        if (!imageSources.isEmpty() || dataImages) {
            policy.append("; img-src");
            imageSources.forEach(origin -> policy.append(' ').append(origin.toLowerCase(Locale.ROOT)));
            if (dataImages) {
                policy.append(" data:");
            }
        }
        if (styleAttributes) {
            policy.append("; style-src 'unsafe-inline'");
        }
        return policy.toString();
    }
}
