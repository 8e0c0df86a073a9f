package io.assisthost.host.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The effective host configuration: typed, validated once, immutable. Every getter's key, default and
 * environment variable is documented in README.md.
 */
public final class HostConfig {

    /** How the host reaches Genesys Cloud. */
    public enum Mode {
        /** The built-in emulator on 127.0.0.1; no credentials, no network. */
        SANDBOX,
        /** The real Genesys Cloud region named by the environment. */
        LIVE
    }

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final JsonObject json;
    private final Path home;
    private final Mode mode;
    private final PluginOptions plugins;
    private final ClusterOptions cluster;
    private final GenesysOptions genesys;
    private final SandboxOptions sandbox;
    private final RecommendOptions recommend;
    private final WebhookOptions webhooks;
    private final ActionOptions actions;
    private final ApiOptions api;

    HostConfig(JsonObject json, Path home) {
        this.json = json.copy();
        this.home = home.toAbsolutePath().normalize();
        this.mode = parseMode(string("mode"));
        this.plugins = new PluginOptions(object("plugins"), this.home);
        this.cluster = new ClusterOptions(object("cluster"), this.home);
        this.genesys = new GenesysOptions(object("genesys"));
        this.sandbox = new SandboxOptions(object("sandbox"), this.home);
        this.recommend = new RecommendOptions(object("recommend"));
        this.webhooks = new WebhookOptions(object("webhooks"));
        this.actions = new ActionOptions(object("actions"), this.home);
        this.api = new ApiOptions(object("api"), this.home);
        port("http.port", true);
        if (mode == Mode.LIVE && !genesys.hasCredentials()) {
            throw new ConfigException("live mode needs Genesys client credentials: set GENESYS_CLIENT_ID and "
                    + "GENESYS_CLIENT_SECRET (or genesys.clientId and genesys.clientSecret)");
        }
        if (mode == Mode.LIVE && genesys.primaryKnowledgeBase().isEmpty()) {
            throw new ConfigException("live mode needs genesys.knowledgeBases.primary "
                    + "(ASSIST_GENESYS_KNOWLEDGE_BASES_PRIMARY): the id of the knowledge base to search");
        }
        positive("http.maxBodyBytes");
        corsAllowOrigins();
        auditRetentionDays();
    }

    /** The configuration with built-in defaults only, plus the given overrides (for tools and tests). */
    public static HostConfig of(JsonObject overrides, Path home) {
        JsonObject merged = ConfigLoader.defaults().mergeIn(overrides, true);
        return new HostConfig(merged, home);
    }

    public Path home() {
        return home;
    }

    public Mode mode() {
        return mode;
    }

    public String httpHost() {
        return string("http.host");
    }

    public int httpPort() {
        return port("http.port", true);
    }

    public long maxBodyBytes() {
        return positive("http.maxBodyBytes");
    }

    /**
     * Origins ({@code scheme://host[:port]}) whose browser pages may call the API cross-origin; empty
     * (the default) allows none.
     */
    public List<String> corsAllowOrigins() {
        List<String> origins = strings(json, "http.cors.allowOrigins");
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin.trim()).matches()) {
                throw new ConfigException("http.cors.allowOrigins (" + ConfigLoader.envName("http.cors.allowOrigins")
                        + ") must list origins such as https://desk.example.com (scheme, host, optional port; no path, "
                        + "no wildcard), was '" + origin + "'");
            }
        }
        return origins.stream().map(String::trim).toList();
    }

    /** The API token from configuration, or empty when the host should use its stored or a generated one. */
    public String apiToken() {
        return api.token();
    }

    /** The API tokens: the admin token's setting and the further named tokens with their scopes. */
    public ApiOptions api() {
        return api;
    }

    public Path dataDir() {
        return home.resolve(string("data.dir")).normalize();
    }

    /** The largest the database may grow, in bytes; 0 for as large as the disk allows. */
    public long dataMaxSizeBytes() {
        return range(json, "data.maxSizeMb", 0, 1_048_576) * 1_048_576L;
    }

    public SandboxOptions sandbox() {
        return sandbox;
    }

    /** Days audit entries are kept; 0 keeps them for ever. */
    public int auditRetentionDays() {
        return (int) range(json, "audit.retentionDays", 0, 36500);
    }

    public WebhookOptions webhooks() {
        return webhooks;
    }

    public ActionOptions actions() {
        return actions;
    }

    public RecommendOptions recommend() {
        return recommend;
    }

    public GenesysOptions genesys() {
        return genesys;
    }

    public PluginOptions plugins() {
        return plugins;
    }

    public ClusterOptions cluster() {
        return cluster;
    }

    private JsonObject object(String key) {
        Object value = lookup(json, key);
        if (!(value instanceof JsonObject object)) {
            throw new ConfigException(key + " must be an object");
        }
        return object;
    }

    private String string(String key) {
        return requireString(json, key);
    }

    private int port(String key, boolean zeroAllowed) {
        long value = requireLong(json, key);
        if (value < (zeroAllowed ? 0 : 1) || value > 65535) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be a port number"
                    + (zeroAllowed ? " or 0 for any free port" : "") + ", was " + value);
        }
        return (int) value;
    }

    private long positive(String key) {
        long value = requireLong(json, key);
        if (value <= 0) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be positive, was " + value);
        }
        return value;
    }

    private static Mode parseMode(String text) {
        try {
            return Mode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mode (ASSIST_MODE) must be sandbox or live, was '" + text + "'");
        }
    }

    static Object lookup(JsonObject root, String key) {
        Object current = root;
        for (String part : key.split("\\.")) {
            if (!(current instanceof JsonObject object)) {
                return null;
            }
            current = object.getValue(part);
        }
        return current;
    }

    static String requireString(JsonObject root, String key) {
        Object value = lookup(root, key);
        if (!(value instanceof String text)) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be a string");
        }
        return text;
    }

    static long requireLong(JsonObject root, String key) {
        Object value = lookup(root, key);
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be a whole number, was " + value);
    }

    static long range(JsonObject root, String key, long min, long max) {
        long value = requireLong(root, key);
        if (value < min || value > max) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be from " + min + " to " + max
                    + ", was " + value);
        }
        return value;
    }

    static Duration millis(JsonObject root, String key) {
        long value = requireLong(root, key);
        if (value <= 0) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be positive, was " + value);
        }
        return Duration.ofMillis(value);
    }

    static List<String> strings(JsonObject root, String key) {
        Object value = lookup(root, key);
        if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be a list of strings");
        }
        return array.stream().map(String.class::cast).toList();
    }
}
