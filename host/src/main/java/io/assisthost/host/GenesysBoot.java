package io.assisthost.host;

import io.assisthost.host.config.HostConfig;
import io.assisthost.host.genesys.GenesysRuntime;
import io.assisthost.host.genesys.TranscriptEvent;
import io.assisthost.host.sandbox.EmulatorSettings;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Connects the host to Genesys: in sandbox mode it first deploys the emulator and points the client
 * at it; in live mode it uses the region's API and login services. In sandbox mode the transcript
 * feed follows every conversation the generator starts, as it would follow subscribed interactions
 * in live mode.
 */
final class GenesysBoot {

    private final Vertx vertx;
    private final HostConfig config;
    private final Clock clock;
    private GenesysEmulator emulator;
    private String emulatorDeployment;
    private GenesysRuntime runtime;

    GenesysBoot(Vertx vertx, HostConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
    }

    Future<GenesysRuntime> start(Consumer<TranscriptEvent> transcripts) {
        String userAgent = "assist-host/" + HostVersion.current();
        return endpoints()
                .compose(endpoints -> GenesysRuntime.start(vertx, config.genesys(), endpoints, clock, userAgent, transcripts))
                .onSuccess(started -> {
                    runtime = started;
                    if (emulator != null) {
                        emulator.generator().addListener((conversationId, script) ->
                                started.feed().follow(conversationId, script.mediaType(), script.queue()));
                        emulator.startGenerator();
                    }
                });
    }

    /** The default primary knowledge base: configured, else the sandbox's primary one. */
    String primaryKnowledgeBase() {
        String configured = config.genesys().primaryKnowledgeBase();
        return !configured.isEmpty() || emulator == null ? configured : emulator.seed().withRole("primary").id();
    }

    /** The default fallback knowledge base: configured, else the sandbox's fallback one, else {@code null}. */
    String fallbackKnowledgeBase() {
        String configured = config.genesys().fallbackKnowledgeBase();
        if (!configured.isEmpty()) {
            return configured;
        }
        if (emulator == null || emulator.seed().withRole("fallback") == null) {
            return null;
        }
        return emulator.seed().withRole("fallback").id();
    }

    /** The emulator in sandbox mode, else {@code null}. */
    GenesysEmulator emulator() {
        return emulator;
    }

    /** This node's Genesys and sandbox details for the cluster view. */
    JsonObject describe() {
        JsonObject details = new JsonObject().put("mode", config.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (runtime != null) {
            details.put("genesys", runtime.describe());
        }
        if (emulator != null) {
            details.put("sandbox", new JsonObject().put("port", emulator.port()).put("url", emulator.baseUrl())
                    .put("activeConversations", emulator.generator().active()));
        }
        return details;
    }

    Future<Void> stop() {
        Future<Void> closed = runtime == null ? Future.succeededFuture() : runtime.close();
        return closed.eventually(() -> emulatorDeployment == null ? Future.succeededFuture() : vertx.undeploy(emulatorDeployment));
    }

    private Future<GenesysRuntime.Endpoints> endpoints() {
        if (config.mode() == HostConfig.Mode.LIVE) {
            return Future.succeededFuture(new GenesysRuntime.Endpoints(config.genesys().apiBase(),
                    config.genesys().loginBase(), config.genesys().clientId(), config.genesys().clientSecret()));
        }
        EmulatorSettings settings = EmulatorSettings.of(config);
        emulator = new GenesysEmulator(settings, clock);
        return vertx.deployVerticle(emulator).map(id -> {
            emulatorDeployment = id;
            return new GenesysRuntime.Endpoints(emulator.baseUrl(), emulator.baseUrl(), settings.clientId(),
                    settings.clientSecret());
        });
    }
}
