package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /sandbox/faults} (sandbox mode only): set, show and clear the emulator's fault switches, so
 * that tests, benchmarks and operators can watch breakers open and fallbacks take over.
 */
final class SandboxRoutes {

    private final GenesysEmulator emulator;

    SandboxRoutes(GenesysEmulator emulator) {
        this.emulator = emulator;
    }

    void mount(Router router) {
        router.get("/sandbox/faults").handler(ctx -> Responses.json(ctx, 200, state()));
        router.post("/sandbox/faults").handler(this::set);
        router.delete("/sandbox/faults").handler(ctx -> {
            emulator.faults().clear();
            Responses.json(ctx, 200, state());
        });
    }

    private void set(RoutingContext ctx) {
        if (!(JsonBody.of(ctx) instanceof JsonObject request)) {
            ctx.fail(HostFailure.invalid("send a JSON object such as {\"target\": \"*\", \"latencyMs\": 500}"));
            return;
        }
        boolean expireTokens;
        try {
            expireTokens = emulator.faults().set(request);
        } catch (IllegalArgumentException e) {
            ctx.fail(HostFailure.invalid(e.getMessage()));
            return;
        }
        if (expireTokens) {
            emulator.expireTokens();
        }
        Responses.json(ctx, 200, state());
    }

    private JsonObject state() {
        JsonArray knowledgeBases = new JsonArray();
        emulator.seed().knowledgeBases().forEach(base -> knowledgeBases.add(new JsonObject().put("id", base.id())
                .put("name", base.name()).put("role", base.role())));
        return new JsonObject()
                .put("faults", emulator.faults().toJson())
                .put("knowledgeBases", knowledgeBases)
                .put("emulator", new JsonObject().put("url", emulator.baseUrl()).put("stats", emulator.stats().toJson())
                        .put("activeConversations", emulator.generator().active()));
    }
}
