package io.assisthost.host.actions.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the URLs a card may carry: {@code a href} and {@code img src}, and any other attribute that
 * smuggles in a script URL.
 */
final class UrlRule {

    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Pattern DATA_IMAGE = Pattern.compile("^data:image/(png|jpeg|gif|webp)[;,]");
    private static final Pattern DANGEROUS = Pattern.compile("^(javascript|vbscript|livescript|mocha):");
    private static final Pattern DATA_DOCUMENT = Pattern.compile("^data:(text/html|application/|image/svg)");

    private UrlRule() {
    }

    /**
     * The value as a browser's URL parser sees its scheme: lower case, without the ASCII whitespace and
     * control characters it strips or skips, which is how {@code jav&#x09;ascript:} still runs script.
     */
    static String normalise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().filter(c -> c > 0x20 && c != 0x7f).forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Why a value in any attribute would run script or load a document, if it would. */
    static Optional<String> scriptUrl(String attribute, String value) {
        Optional<String> script = scriptScheme(attribute, value);
        if (script.isEmpty() && DATA_DOCUMENT.matcher(normalise(value)).find()) {
            return Optional.of("data: URL in " + attribute + " would load a document");
        }
        return script;
    }

    private static Optional<String> scriptScheme(String attribute, String value) {
        var dangerous = DANGEROUS.matcher(normalise(value));
        return dangerous.find() ? Optional.of(dangerous.group(1) + ": URL in " + attribute) : Optional.empty();
    }

    /** Why an {@code a href} is refused, if it is. */
    static Optional<String> link(String value) {
        Optional<String> script = scriptUrl("href", value);
        if (script.isPresent()) {
            return script;
        }
        String url = normalise(value);
        var scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return Optional.of("relative URL in href: cards have no base URL, use an absolute URL");
        }
        if (!CardSafelist.LINK_SCHEMES.contains(scheme.group(1))) {
            return Optional.of(scheme.group(1) + ": URL in href (links may use http, https, mailto or tel)");
        }
        return Optional.empty();
    }

    /** Why an {@code img src} is refused, if it is. */
    static Optional<String> image(String value) {
        // Only the scheme: an image's data: type has its own, narrower rule below.
        Optional<String> script = scriptScheme("src", value);
        if (script.isPresent()) {
            return script;
        }
        String url = normalise(value);
        var scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return Optional.of("relative URL in src: cards have no base URL, use an https URL");
        }
        return switch (scheme.group(1)) {
            case "https" -> httpsOrigin(value).isPresent()
                    ? Optional.empty() : Optional.of("src is not a valid https URL (use an ASCII host name and no user info)");
            case "data" -> DATA_IMAGE.matcher(url).find()
                    ? Optional.empty() : Optional.of("data: URL in src must be a png, jpeg, gif or webp image");
            case "http" -> Optional.of("http image in src: images must use https");
            default -> Optional.of(scheme.group(1) + ": URL in src (images may use https or data:image)");
        };
    }

    /** The origin ({@code https://host[:port]}) of an https URL, as a CSP source expression. */
    static Optional<String> httpsOrigin(String value) {
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            return Optional.of("https://" + host + (port == -1 || port == 443 ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
