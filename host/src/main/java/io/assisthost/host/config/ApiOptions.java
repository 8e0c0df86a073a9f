package io.assisthost.host.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code api} section: the admin token ({@code api.token}) and further named tokens
 * ({@code api.tokens}), each with a scope. Token values never appear in messages or {@code toString()}.
 */
public final class ApiOptions {

    /** What a token may do. */
    public enum Scope {
        /** Reads, the event stream, and the data-plane calls an agent desktop makes; no configuration change. */
        READ,
        /** Everything, configuration changes and plugin uploads included. */
        ADMIN;

        /** The scope's name as configuration and problem documents spell it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One configured token. Exactly one of {@code value}, {@code file} and {@code env} is set.
     *
     * @param file a file holding the token (read at start, trimmed)
     * @param env  an environment variable holding the token
     */
    public record Token(String name, Scope scope, String value, Path file, String env) {

        @Override
        public String toString() {
            String source = value != null ? "token ***" : file != null ? "tokenFile " + file : "tokenEnv " + env;
            return "Token[" + name + ", " + scope.label() + ", " + source + "]";
        }
    }

    /** The name of the admin token from {@code api.token} or the data directory. */
    public static final String MAIN_TOKEN_NAME = "api-token";

    /** The shortest token value accepted in {@code api.tokens}. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SHAPE = "api.tokens must be a list of objects {\"name\", \"scope\": \"read\"|\"admin\", "
            + "and one of \"token\", \"tokenFile\", \"tokenEnv\"} (set it in host.json)";

    private final String token;
    private final List<Token> tokens;

    ApiOptions(JsonObject section, Path home) {
        JsonObject root = new JsonObject().put("api", section);
        this.token = HostConfig.requireString(root, "api.token");
        Object list = HostConfig.lookup(root, "api.tokens");
        if (!(list instanceof JsonArray array) || !array.stream().allMatch(JsonObject.class::isInstance)) {
            throw new ConfigException(SHAPE);
        }
        List<Token> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(MAIN_TOKEN_NAME));
        for (int i = 0; i < array.size(); i++) {
            Token parsedToken = parse(array.getJsonObject(i), i, home);
            if (!names.add(parsedToken.name().toLowerCase(Locale.ROOT))) {
                throw new ConfigException("api.tokens[" + i + "].name '" + parsedToken.name() + "' is used twice"
                        + " (" + MAIN_TOKEN_NAME + " names the api.token)");
            }
            parsed.add(parsedToken);
        }
        this.tokens = List.copyOf(parsed);
    }

    /** The admin token from configuration, or empty when the host should use its stored or a generated one. */
    public String token() {
        return token;
    }

    /** The further named tokens, in the order configured. */
    public List<Token> tokens() {
        return tokens;
    }

    private static Token parse(JsonObject entry, int index, Path home) {
        String at = "api.tokens[" + index + "]";
        for (String field : entry.fieldNames()) {
            if (!Set.of("name", "scope", "token", "tokenFile", "tokenEnv").contains(field)) {
                throw new ConfigException(at + "." + field + " is not a token field; " + SHAPE);
            }
        }
        String name = text(entry, "name", at);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigException(at + ".name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
        at = "api.tokens[" + index + "] (" + name + ")";
        Scope scope = scope(text(entry, "scope", at), at);
        String value = text(entry, "token", at);
        String file = text(entry, "tokenFile", at);
        String env = text(entry, "tokenEnv", at);
        int sources = (value != null ? 1 : 0) + (file != null ? 1 : 0) + (env != null ? 1 : 0);
        if (sources != 1) {
            throw new ConfigException(at + " must give exactly one of token, tokenFile and tokenEnv");
        }
        if (value != null) {
            checkValue(value, at + ".token");
        }
        if (env != null && !ENV_NAME.matcher(env).matches()) {
            throw new ConfigException(at + ".tokenEnv must name an environment variable, was '" + env + "'");
        }
        return new Token(name, scope, value, file == null ? null : home.resolve(file).normalize(), env);
    }

    /** Checks a token value without ever quoting it. */
    public static void checkValue(String value, String where) {
        if (value.length() < MIN_TOKEN_LENGTH || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new ConfigException(where + " must be at least " + MIN_TOKEN_LENGTH
                    + " characters without spaces or control characters");
        }
    }

    private static Scope scope(String text, String at) {
        if ("read".equals(text)) {
            return Scope.READ;
        }
        if ("admin".equals(text)) {
            return Scope.ADMIN;
        }
        throw new ConfigException(at + ".scope must be \"read\" or \"admin\"" + (text == null ? "" : ", was '" + text + "'"));
    }

    private static String text(JsonObject entry, String field, String at) {
        Object value = entry.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String string)) {
            throw new ConfigException(at + "." + field + " must be a string");
        }
        return string.isBlank() ? null : string.trim();
    }
}
