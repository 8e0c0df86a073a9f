package io.assisthost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path home;

    private HostConfig load(Map<String, String> env, Properties properties) {
        return new ConfigLoader(env, properties).load(home);
    }

    private HostConfig load(Map<String, String> env) {
        return load(env, new Properties());
    }

    @Test
    void defaultsComeFromTheBuiltInHostJson() {
        HostConfig config = load(Map.of());
        assertThat(config.mode()).isEqualTo(HostConfig.Mode.SANDBOX);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(home.resolve("data"));
        assertThat(config.plugins().dir()).isEqualTo(home.resolve("plugins"));
        assertThat(config.plugins().callTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.cluster().members()).containsExactly("127.0.0.1");
        assertThat(config.cluster().port()).isEqualTo(5701);
        assertThat(config.sandbox().port()).isZero();
    }

    @Test
    void environmentVariablesNamedInTheContractOverrideTheirKeys() {
        HostConfig config = load(Map.ofEntries(
                Map.entry("ASSIST_HTTP_PORT", "9090"),
                Map.entry("ASSIST_API_TOKEN", "secret-token"),
                Map.entry("ASSIST_DATA_DIR", "/var/lib/assist"),
                Map.entry("ASSIST_PLUGINS_DIR", "extra-plugins"),
                Map.entry("ASSIST_MODE", "live"),
                Map.entry("ASSIST_SANDBOX_PORT", "18080"),
                Map.entry("ASSIST_CLUSTER_MEMBERS", "127.0.0.1:5701, 127.0.0.1:5702,"),
                Map.entry("ASSIST_CLUSTER_PORT", "5801"),
                Map.entry("GENESYS_CLIENT_ID", "client-1"),
                Map.entry("GENESYS_CLIENT_SECRET", "secret-1"),
                Map.entry("ASSIST_GENESYS_KNOWLEDGE_BASES_PRIMARY", "kb-1")));
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.apiToken()).isEqualTo("secret-token");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/assist"));
        assertThat(config.plugins().dir()).isEqualTo(home.resolve("extra-plugins"));
        assertThat(config.mode()).isEqualTo(HostConfig.Mode.LIVE);
        assertThat(config.sandbox().port()).isEqualTo(18080);
        assertThat(config.cluster().members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(config.cluster().port()).isEqualTo(5801);
    }

    @Test
    void liveModeTalksToTheRegionWithTheGenesysVariables() {
        HostConfig config = load(Map.of("ASSIST_MODE", "live", "GENESYS_REGION", "mypurecloud.de",
                "GENESYS_CLIENT_ID", "client-1", "GENESYS_CLIENT_SECRET", "secret-1",
                "ASSIST_GENESYS_KNOWLEDGE_BASES_PRIMARY", "kb-1", "ASSIST_GENESYS_KNOWLEDGE_BASES_FALLBACK", "kb-2"));
        assertThat(config.genesys().apiBase()).isEqualTo("https://api.mypurecloud.de");
        assertThat(config.genesys().loginBase()).isEqualTo("https://login.mypurecloud.de");
        assertThat(config.genesys().clientId()).isEqualTo("client-1");
        assertThat(config.genesys().primaryKnowledgeBase()).isEqualTo("kb-1");
        assertThat(config.genesys().fallbackKnowledgeBase()).isEqualTo("kb-2");
        assertThat(load(Map.of("GENESYS_CLIENT_ID", "alias", "ASSIST_GENESYS_CLIENT_ID", "prefixed"))
                .genesys().clientId()).isEqualTo("prefixed");
    }

    @Test
    void liveModeNeedsCredentialsAndAKnowledgeBase() {
        assertThatThrownBy(() -> load(Map.of("ASSIST_MODE", "live")))
                .hasMessageContaining("GENESYS_CLIENT_ID").hasMessageContaining("GENESYS_CLIENT_SECRET");
        assertThatThrownBy(() -> load(Map.of("ASSIST_MODE", "live", "GENESYS_CLIENT_ID", "c", "GENESYS_CLIENT_SECRET", "s")))
                .hasMessageContaining("genesys.knowledgeBases.primary");
        assertThatThrownBy(() -> load(Map.of("GENESYS_REGION", "https://api.mypurecloud.com")))
                .hasMessageContaining("genesys.region (GENESYS_REGION)");
    }

    @Test
    void everyLeafKeyHasAnEnvironmentName() {
        assertThat(ConfigLoader.envName("plugins.callTimeoutMs")).isEqualTo("ASSIST_PLUGINS_CALL_TIMEOUT_MS");
        assertThat(ConfigLoader.envName("http.maxBodyBytes")).isEqualTo("ASSIST_HTTP_MAX_BODY_BYTES");
        assertThat(load(Map.of("ASSIST_PLUGINS_CALL_TIMEOUT_MS", "900")).plugins().callTimeout())
                .isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void systemPropertiesWinOverTheEnvironmentAndFilesLayerUnderBoth() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/host.json"),
                "{\"http\": {\"port\": 7000, \"maxBodyBytes\": 2048}, \"plugins\": {\"config\": {\"x\": {\"k\": 1}}}}");
        Properties properties = new Properties();
        properties.setProperty("assist.http.port", "7002");
        HostConfig config = load(Map.of("ASSIST_HTTP_PORT", "7001"), properties);
        assertThat(config.httpPort()).isEqualTo(7002);
        assertThat(config.maxBodyBytes()).isEqualTo(2048);
        assertThat(config.plugins().configOf("x").getInteger("k")).isEqualTo(1);
        assertThat(config.plugins().configOf("semantic-scorer").getInteger("dimensions")).isEqualTo(384);
    }

    @Test
    void explicitConfigFileMustExist() {
        assertThatThrownBy(() -> load(Map.of("ASSIST_CONFIG", home.resolve("missing.json").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndItsVariable() throws IOException {
        assertThatThrownBy(() -> load(Map.of("ASSIST_HTTP_PORT", "eighty")))
                .hasMessageContaining("http.port (ASSIST_HTTP_PORT) must be a number");
        assertThatThrownBy(() -> load(Map.of("ASSIST_HTTP_PORT", "70000")))
                .hasMessageContaining("http.port (ASSIST_HTTP_PORT) must be a port number");
        assertThatThrownBy(() -> load(Map.of("ASSIST_MODE", "production")))
                .hasMessageContaining("mode (ASSIST_MODE) must be sandbox or live");
        assertThatThrownBy(() -> load(Map.of("ASSIST_CLUSTER_MEMBERS", " , ")))
                .hasMessageContaining("cluster.members (ASSIST_CLUSTER_MEMBERS) must name at least one member");
        assertThatThrownBy(() -> load(Map.of("ASSIST_PLUGINS_QUARANTINE_AFTER_FAILURES", "0")))
                .hasMessageContaining("plugins.quarantineAfterFailures");
        assertThatThrownBy(() -> load(Map.of("ASSIST_GENESYS_ARTICLE_TEXT_CACHE", "-1")))
                .hasMessageContaining("genesys.articleTextCache must be between 0 and 1000000, was -1");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/host.json"), "[1, 2]");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("is not a JSON object");
    }
}
