package io.assisthost.host.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code actions} section: sample definitions, the browser matrix, trigger window, retention and the
 * rate of transcripts a conversation may send.
 */
public final class ActionOptions {

    private final Path samples;
    private final Path browsers;
    private final Duration triggerWindow;
    private final int retentionDays;
    private final int transcriptRatePerSecond;
    private final int transcriptBurst;

    ActionOptions(JsonObject section, Path home) {
        JsonObject root = new JsonObject().put("actions", section);
        this.samples = home.resolve(HostConfig.requireString(root, "actions.samples")).normalize();
        this.browsers = home.resolve(HostConfig.requireString(root, "actions.browsers")).normalize();
        this.triggerWindow = HostConfig.millis(root, "actions.triggerWindowMs");
        this.retentionDays = (int) HostConfig.range(root, "actions.retentionDays", 1, 3650);
        this.transcriptRatePerSecond = (int) HostConfig.range(root, "actions.transcriptRatePerSecond", 1, 100_000);
        this.transcriptBurst = (int) HostConfig.range(root, "actions.transcriptBurst", 1, 100_000);
    }

    /** The folder of action definitions created and deployed at the cluster's first start. */
    public Path samples() {
        return samples;
    }

    /** The browser matrix that {@code ui.requiredFeatures} are checked against. */
    public Path browsers() {
        return browsers;
    }

    /** How long an action that triggered stays quiet in the same conversation. */
    public Duration triggerWindow() {
        return triggerWindow;
    }

    /** Days triggered cards and their engagement events are kept (aggregates are kept for ever). */
    public int retentionDays() {
        return retentionDays;
    }

    /** Transcript events one conversation may send per second through the API and the bus, per node. */
    public int transcriptRatePerSecond() {
        return transcriptRatePerSecond;
    }

    /** Transcript events one conversation may send at once above its rate, per node. */
    public int transcriptBurst() {
        return transcriptBurst;
    }
}
