package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.host.config.ApiOptions.Scope;
import io.assisthost.host.config.ConfigException;
import io.assisthost.host.config.HostConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named tokens from configuration, files and variables; their checks never quote a value. */
class ApiTokenStoreTest {

    private static final String READ_VALUE = "read-token-value-0123456789";
    private static final String FILE_VALUE = "file-token-value-0123456789";
    private static final String ENV_VALUE = "env-token-value-0123456789";

    @TempDir
    Path home;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private HostConfig config(JsonArray tokens) {
        return HostConfig.of(new JsonObject().put("api", new JsonObject().put("token", "main-admin-token").put("tokens", tokens)),
                home);
    }

    private ApiTokenStore store(Map<String, String> env) {
        return new ApiTokenStore(home.resolve("data"), new PrintStream(console, true, StandardCharsets.UTF_8), env::get);
    }

    private static JsonObject token(String name, String scope, String field, String value) {
        return new JsonObject().put("name", name).put("scope", scope).put(field, value);
    }

    @Test
    void resolvesTheAdminTokenThenEachNamedTokenFromItsSource() throws IOException {
        Files.writeString(home.resolve("ci.token"), "  " + FILE_VALUE + "\n");
        HostConfig config = config(new JsonArray()
                .add(token("desk", "read", "token", READ_VALUE))
                .add(token("ci", "admin", "tokenFile", "ci.token"))
                .add(token("bot", "read", "tokenEnv", "BOT_TOKEN")));
        List<ApiToken> tokens = store(Map.of("BOT_TOKEN", ENV_VALUE)).resolveAll(config.api());
        assertThat(tokens).containsExactly(
                new ApiToken("api-token", Scope.ADMIN, "main-admin-token"),
                new ApiToken("desk", Scope.READ, READ_VALUE),
                new ApiToken("ci", Scope.ADMIN, FILE_VALUE),
                new ApiToken("bot", Scope.READ, ENV_VALUE));
        assertThat(tokens.toString()).doesNotContain(READ_VALUE, FILE_VALUE, ENV_VALUE, "main-admin-token");
        assertThat(config.api().tokens().toString()).doesNotContain(READ_VALUE).contains("desk");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutNamedTokensOnlyTheAdminTokenIsKnown() throws IOException {
        List<ApiToken> tokens = store(Map.of()).resolveAll(HostConfig.of(new JsonObject(), home).api());
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).name()).isEqualTo("api-token");
        assertThat(tokens.get(0).scope()).isEqualTo(Scope.ADMIN);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(tokens.get(0).secret());
    }

    @Test
    void missingEmptyShortOrSharedValuesStopTheHostWithoutQuotingThem() throws IOException {
        assertThatThrownBy(() -> store(Map.of()).resolveAll(config(new JsonArray()
                .add(token("bot", "read", "tokenEnv", "BOT_TOKEN"))).api()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bot").hasMessageContaining("BOT_TOKEN");
        assertThatThrownBy(() -> store(Map.of()).resolveAll(config(new JsonArray()
                .add(token("ci", "read", "tokenFile", "absent.token"))).api()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        Files.writeString(home.resolve("short.token"), "short-secret\n");
        assertThatThrownBy(() -> store(Map.of()).resolveAll(config(new JsonArray()
                .add(token("ci", "read", "tokenFile", "short.token"))).api()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> store(Map.of("A", READ_VALUE)).resolveAll(config(new JsonArray()
                .add(token("desk", "read", "token", READ_VALUE)).add(token("bot", "admin", "tokenEnv", "A"))).api()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("same value as token desk")
                .hasMessageNotContaining(READ_VALUE);
        String shared = "shared-token-value-0123456789";
        HostConfig sharing = HostConfig.of(new JsonObject().put("api", new JsonObject().put("token", shared)
                .put("tokens", new JsonArray().add(token("desk", "read", "token", shared)))), home);
        assertThatThrownBy(() -> store(Map.of()).resolveAll(sharing.api()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("same value as token api-token");
    }

    @Test
    void malformedTokenEntriesAreConfigurationErrors() {
        assertThatThrownBy(() -> config(new JsonArray().add("just-a-string")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api.tokens must be a list of objects");
        assertThatThrownBy(() -> config(new JsonArray().add(token("desk", "write", "token", READ_VALUE))))
                .hasMessageContaining("scope must be \"read\" or \"admin\"");
        assertThatThrownBy(() -> config(new JsonArray().add(new JsonObject().put("name", "desk").put("scope", "read"))))
                .hasMessageContaining("exactly one of token, tokenFile and tokenEnv");
        assertThatThrownBy(() -> config(new JsonArray().add(token("desk", "read", "token", READ_VALUE)
                .put("tokenEnv", "X")))).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> config(new JsonArray().add(token("desk", "read", "token", "too-short"))))
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> config(new JsonArray().add(token("../desk", "read", "token", READ_VALUE))))
                .hasMessageContaining(".name must be");
        assertThatThrownBy(() -> config(new JsonArray().add(token("api-token", "read", "token", READ_VALUE))))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> config(new JsonArray().add(token("desk", "read", "token", READ_VALUE))
                .add(token("DESK", "admin", "token", FILE_VALUE)))).hasMessageContaining("used twice");
        assertThatThrownBy(() -> config(new JsonArray().add(token("desk", "read", "token", READ_VALUE).put("role", "x"))))
                .hasMessageContaining("role is not a token field");
    }
}
