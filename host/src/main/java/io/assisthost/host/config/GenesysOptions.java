package io.assisthost.host.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code genesys} section: where Genesys Cloud is, how to authenticate, how hard to push it. */
public final class GenesysOptions {

    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private final String region;
    private final String apiBase;
    private final String loginBase;
    private final String clientId;
    private final String clientSecret;
    private final String primaryKnowledgeBase;
    private final String fallbackKnowledgeBase;
    private final List<String> contentTypeLabels;
    private final String defaultContentType;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxConcurrentRequests;
    private final int articleTextCache;
    private final double tokenRenewAtRatio;

    GenesysOptions(JsonObject section) {
        JsonObject root = new JsonObject().put("genesys", section);
        this.region = HostConfig.requireString(root, "genesys.region").trim();
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException("genesys.region (GENESYS_REGION) must be a Genesys Cloud domain such as "
                    + "mypurecloud.com or mypurecloud.de, was '" + region + "'");
        }
        this.apiBase = trimSlash(HostConfig.requireString(root, "genesys.apiBase"));
        this.loginBase = trimSlash(HostConfig.requireString(root, "genesys.loginBase"));
        this.clientId = HostConfig.requireString(root, "genesys.clientId").trim();
        this.clientSecret = HostConfig.requireString(root, "genesys.clientSecret");
        this.primaryKnowledgeBase = HostConfig.requireString(root, "genesys.knowledgeBases.primary").trim();
        this.fallbackKnowledgeBase = HostConfig.requireString(root, "genesys.knowledgeBases.fallback").trim();
        this.contentTypeLabels = HostConfig.strings(root, "genesys.contentTypeLabels");
        this.defaultContentType = HostConfig.requireString(root, "genesys.defaultContentType");
        this.connectTimeout = HostConfig.millis(root, "genesys.connectTimeoutMs");
        this.requestTimeout = HostConfig.millis(root, "genesys.requestTimeoutMs");
        long concurrent = HostConfig.requireLong(root, "genesys.maxConcurrentRequests");
        if (concurrent < 1 || concurrent > 10_000) {
            throw new ConfigException("genesys.maxConcurrentRequests must be between 1 and 10000, was " + concurrent);
        }
        this.maxConcurrentRequests = (int) concurrent;
        long texts = HostConfig.requireLong(root, "genesys.articleTextCache");
        if (texts < 0 || texts > 1_000_000) {
            throw new ConfigException("genesys.articleTextCache must be between 0 and 1000000, was " + texts);
        }
        this.articleTextCache = (int) texts;
        Object ratio = HostConfig.lookup(root, "genesys.tokenRenewAtRatio");
        if (!(ratio instanceof Number number) || number.doubleValue() <= 0.1 || number.doubleValue() >= 1.0) {
            throw new ConfigException("genesys.tokenRenewAtRatio must be a number between 0.1 and 1, was " + ratio);
        }
        this.tokenRenewAtRatio = number(ratio);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static String trimSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The region domain, for example {@code mypurecloud.de}. */
    public String region() {
        return region;
    }

    /** The API base URL: {@code genesys.apiBase} if set, else {@code https://api.<region>}. */
    public String apiBase() {
        return apiBase.isEmpty() ? "https://api." + region : apiBase;
    }

    /** The login base URL: {@code genesys.loginBase} if set, else {@code https://login.<region>}. */
    public String loginBase() {
        return loginBase.isEmpty() ? "https://login." + region : loginBase;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** Whether both client credentials are set. */
    public boolean hasCredentials() {
        return !clientId.isEmpty() && !clientSecret.isEmpty();
    }

    /** The knowledge base searched first, or empty to use the sandbox's primary one. */
    public String primaryKnowledgeBase() {
        return primaryKnowledgeBase;
    }

    /** The knowledge base fallbacks search, or empty for none (or the sandbox's). */
    public String fallbackKnowledgeBase() {
        return fallbackKnowledgeBase;
    }

    /** Label names that say a document's content type; the first one a document carries wins. */
    public List<String> contentTypeLabels() {
        return contentTypeLabels;
    }

    /** The content type of a document that carries none of {@link #contentTypeLabels()}. */
    public String defaultContentType() {
        return defaultContentType;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one Genesys call may take in all before it fails as a timeout. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Genesys requests that may be in flight at once from this node. */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /**
     * How many documents' article texts this node keeps by version, so that searches need not carry them;
     * 0 keeps none and has every search expand {@code documentVariations}.
     */
    public int articleTextCache() {
        return articleTextCache;
    }

    /** The share of a token's lifetime after which the host renews it. */
    public double tokenRenewAtRatio() {
        return tokenRenewAtRatio;
    }
}
