package io.assisthost.host.sandbox;

import io.assisthost.host.config.HostConfig;
import io.assisthost.host.config.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What an emulator instance serves and accepts.
 *
 * @param port              port on 127.0.0.1, 0 for any free one
 * @param clientId          the only OAuth client id accepted
 * @param clientSecret      its secret
 * @param tokenLifetime     {@code expires_in} of issued tokens
 * @param seed              the knowledge file
 * @param conversations     the conversation scripts file
 * @param generator         whether conversations play by themselves
 * @param conversationEvery the period between two generated conversations
 * @param utteranceInterval the pause between two utterances
 */
public record EmulatorSettings(int port, String clientId, String clientSecret, Duration tokenLifetime, Path seed,
                               Path conversations, boolean generator, Duration conversationEvery,
                               Duration utteranceInterval) {

    /**
     * The emulator of a host configuration. It accepts exactly {@code GENESYS_CLIENT_ID} and
     * {@code GENESYS_CLIENT_SECRET} when both are set, else the documented sandbox credentials.
     */
    public static EmulatorSettings of(HostConfig config) {
        SandboxOptions sandbox = config.sandbox();
        boolean own = config.genesys().hasCredentials();
        return new EmulatorSettings(sandbox.port(),
                own ? config.genesys().clientId() : sandbox.clientId(),
                own ? config.genesys().clientSecret() : sandbox.clientSecret(),
                sandbox.tokenTtl(), sandbox.seed(), sandbox.conversations(), sandbox.generator(),
                Duration.ofMillis(Math.max(1, Math.round(60_000 / sandbox.conversationsPerMinute()))),
                sandbox.utteranceInterval());
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(newPort, clientId, clientSecret, tokenLifetime, seed, conversations, generator,
                conversationEvery, utteranceInterval);
    }

    public EmulatorSettings withTokenLifetime(Duration lifetime) {
        return new EmulatorSettings(port, clientId, clientSecret, lifetime, seed, conversations, generator,
                conversationEvery, utteranceInterval);
    }

    public EmulatorSettings withGenerator(boolean enabled, Duration utterances) {
        return new EmulatorSettings(port, clientId, clientSecret, tokenLifetime, seed, conversations, enabled,
                conversationEvery, utterances);
    }
}
