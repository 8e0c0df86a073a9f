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
        assertThat(config.sandboxPort()).isZero();
    }

    @Test
    void environmentVariablesNamedInTheContractOverrideTheirKeys() {
        HostConfig config = load(Map.of(
                "ASSIST_HTTP_PORT", "9090",
                "ASSIST_API_TOKEN", "secret-token",
                "ASSIST_DATA_DIR", "/var/lib/assist",
                "ASSIST_PLUGINS_DIR", "extra-plugins",
                "ASSIST_MODE", "live",
                "ASSIST_SANDBOX_PORT", "18080",
                "ASSIST_CLUSTER_MEMBERS", "127.0.0.1:5701, 127.0.0.1:5702,",
                "ASSIST_CLUSTER_PORT", "5801"));
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.apiToken()).isEqualTo("secret-token");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/assist"));
        assertThat(config.plugins().dir()).isEqualTo(home.resolve("extra-plugins"));
        assertThat(config.mode()).isEqualTo(HostConfig.Mode.LIVE);
        assertThat(config.sandboxPort()).isEqualTo(18080);
        assertThat(config.cluster().members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(config.cluster().port()).isEqualTo(5801);
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
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/host.json"), "[1, 2]");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("is not a JSON object");
    }
}
