package io.assisthost.host.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code sandbox} section: the built-in Genesys Cloud emulator and its conversation generator. */
public final class SandboxOptions {

    private final int port;
    private final String clientId;
    private final String clientSecret;
    private final Duration tokenTtl;
    private final Path seed;
    private final Path conversations;
    private final boolean generator;
    private final double conversationsPerMinute;
    private final Duration utteranceInterval;

    SandboxOptions(JsonObject section, Path home) {
        JsonObject root = new JsonObject().put("sandbox", section);
        long portValue = HostConfig.requireLong(root, "sandbox.port");
        if (portValue < 0 || portValue > 65535) {
            throw new ConfigException("sandbox.port (ASSIST_SANDBOX_PORT) must be a port number or 0, was " + portValue);
        }
        this.port = (int) portValue;
        this.clientId = HostConfig.requireString(root, "sandbox.clientId");
        this.clientSecret = HostConfig.requireString(root, "sandbox.clientSecret");
        long ttl = HostConfig.requireLong(root, "sandbox.tokenTtlSeconds");
        if (ttl < 1) {
            throw new ConfigException("sandbox.tokenTtlSeconds must be at least 1, was " + ttl);
        }
        this.tokenTtl = Duration.ofSeconds(ttl);
        this.seed = home.resolve(HostConfig.requireString(root, "sandbox.seed")).normalize();
        this.conversations = home.resolve(HostConfig.requireString(root, "sandbox.conversations")).normalize();
        Object enabled = HostConfig.lookup(root, "sandbox.generator");
        if (!(enabled instanceof Boolean flag)) {
            throw new ConfigException("sandbox.generator (ASSIST_SANDBOX_GENERATOR) must be true or false");
        }
        this.generator = flag;
        Object rate = HostConfig.lookup(root, "sandbox.conversationsPerMinute");
        if (!(rate instanceof Number number) || number.doubleValue() <= 0) {
            throw new ConfigException("sandbox.conversationsPerMinute must be a positive number, was " + rate);
        }
        this.conversationsPerMinute = ((Number) rate).doubleValue();
        this.utteranceInterval = HostConfig.millis(root, "sandbox.utteranceIntervalMs");
    }

    /** The emulator's port on 127.0.0.1; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The client id the emulator accepts when {@code GENESYS_CLIENT_ID} is not set. */
    public String clientId() {
        return clientId;
    }

    /** The client secret the emulator accepts when {@code GENESYS_CLIENT_SECRET} is not set. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The {@code expires_in} of the tokens the emulator issues. */
    public Duration tokenTtl() {
        return tokenTtl;
    }

    /** The knowledge bases and articles the emulator serves. */
    public Path seed() {
        return seed;
    }

    /** The scripted conversations the generator plays. */
    public Path conversations() {
        return conversations;
    }

    /** Whether the generator plays conversations. */
    public boolean generator() {
        return generator;
    }

    /** How many conversations the generator starts per minute. */
    public double conversationsPerMinute() {
        return conversationsPerMinute;
    }

    /** The pause between two utterances of one conversation. */
    public Duration utteranceInterval() {
        return utteranceInterval;
    }
}
