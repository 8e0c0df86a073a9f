package io.assisthost.host.http;

import io.assisthost.host.actions.Actions;
import io.vertx.ext.web.Router;

/** Transcript events in ({@code POST /api/v1/transcripts}) and engagement events ({@code POST /api/v1/engagements}). */
final class TranscriptRoutes {

    private final Actions actions;

    TranscriptRoutes(Actions actions) {
        this.actions = actions;
    }

    void mount(Router router) {
        router.post("/api/v1/transcripts").handler(ctx -> actions.transcript(JsonBody.of(ctx), BearerAuth.actor(ctx))
                .onSuccess(result -> Responses.json(ctx, 200, result)).onFailure(ctx::fail));
        router.post("/api/v1/engagements").handler(ctx -> actions.engagements().record(JsonBody.of(ctx), BearerAuth.actor(ctx))
                .onSuccess(event -> Responses.json(ctx, "duplicate".equals(event.getString("status")) ? 200 : 201, event))
                .onFailure(ctx::fail));
    }
}
