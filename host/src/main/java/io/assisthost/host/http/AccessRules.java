package io.assisthost.host.http;

import io.assisthost.host.config.ApiOptions.Scope;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * Which scope a request needs. Reads ({@code GET}, {@code HEAD}) need any valid token. So do the
 * data-plane calls an agent desktop or an integration makes, which change no configuration:
 * {@code POST /api/v1/recommendations}, {@code /api/v1/transcripts}, {@code /api/v1/engagements},
 * {@code /api/v1/actions/validate}, and opening or closing the console's stream session. Every other
 * request (actions, rollouts, webhooks, replays, plugins, subscriptions, sandbox faults) needs
 * {@link Scope#ADMIN}: a route added later is an admin route until it is listed here.
 */
final class AccessRules {

    private static final Set<String> DATA_PLANE_POSTS = Set.of("/api/v1/recommendations", "/api/v1/transcripts",
            "/api/v1/engagements", "/api/v1/actions/validate", "/api/v1/session");

    private AccessRules() {
    }

    /**
     * The scope a request needs.
     *
     * @param path the normalized path the router matches routes against
     */
    static Scope required(HttpMethod method, String path) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return Scope.READ;
        }
        String route = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (method == HttpMethod.POST && DATA_PLANE_POSTS.contains(route)) {
            return Scope.READ;
        }
        if (method == HttpMethod.DELETE && route.equals("/api/v1/session")) {
            return Scope.READ;
        }
        return Scope.ADMIN;
    }
}
