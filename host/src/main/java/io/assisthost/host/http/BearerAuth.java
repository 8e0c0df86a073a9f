package io.assisthost.host.http;

import io.assisthost.host.config.ApiOptions.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requires {@code Authorization: Bearer <token>}, or for {@code GET /api/v1/stream} alone the session
 * cookie the console sets (a browser's {@code EventSource} cannot send headers; a GET of the stream
 * changes nothing, so the cookie cannot be used to make a change); then the scope the request needs
 * ({@link AccessRules}): 403 when a read token asks for an admin change. The presented value is compared
 * with every token, each in constant time over SHA-256 digests and without stopping at a match, so
 * neither a token's content, its length nor which token matched leaks through timing.
 */
final class BearerAuth implements Handler<RoutingContext> {

    /** The session cookie's name. */
    static final String COOKIE = "assist_session";

    private static final String CALLER = "assist.caller";
    private static final String PREFIX = "Bearer ";
    private static final String STREAM = "/api/v1/stream";

    private record Known(ApiToken token, byte[] digest, byte[] sessionDigest) {
    }

    private final List<Known> known;

    BearerAuth(List<ApiToken> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the API needs at least one token");
        }
        this.known = tokens.stream()
                .map(token -> new Known(token, sha256(token.secret()), sha256(sessionValue(token.secret()))))
                .toList();
    }

    /**
     * The session cookie's value: derived from the token (HMAC-SHA256 of a fixed label), so that the
     * cookie opens the stream but is not the token itself.
     */
    static String sessionValue(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("assist-host stream session".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The token that authenticated the request. */
    static ApiToken caller(RoutingContext ctx) {
        ApiToken token = ctx.get(CALLER);
        if (token == null) {
            throw new IllegalStateException("no API token authenticated " + ctx.request().path());
        }
        return token;
    }

    /** The name of the token that authenticated the request: the actor the audit log records. */
    static String actor(RoutingContext ctx) {
        return caller(ctx).name();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (header == null && cookie != null && STREAM.equals(ctx.normalizedPath())
                && ctx.request().method() == HttpMethod.GET) {
            ApiToken session = match(cookie.getValue(), true);
            if (session == null) {
                Problems.send(ctx, 401, "the session has ended; log in again");
                return;
            }
            ctx.put(CALLER, session);
            ctx.next();
            return;
        }
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            Problems.send(ctx, 401, "this route needs an Authorization: Bearer <token> header");
            return;
        }
        ApiToken token = match(header.substring(PREFIX.length()).trim(), false);
        if (token == null) {
            Problems.send(ctx, 401, "the bearer token is not valid for this host");
            return;
        }
        Scope needed = AccessRules.required(ctx.request().method(), ctx.normalizedPath());
        if (needed == Scope.ADMIN && token.scope() != Scope.ADMIN) {
            Problems.send(ctx, Problems.problem(403, ctx.request().method() + " " + ctx.normalizedPath()
                            + " needs a token with scope admin; token '" + token.name() + "' has scope " + token.scope().label(),
                    ctx.request().path()).put("requiredScope", needed.label()).put("tokenScope", token.scope().label()));
            return;
        }
        ctx.put(CALLER, token);
        ctx.next();
    }

    /** The token (or, for a cookie, the token whose session it is) the value matches; {@code null} if none. */
    private ApiToken match(String presented, boolean session) {
        byte[] digest = sha256(presented);
        ApiToken matched = null;
        for (Known candidate : known) {
            // Every candidate is compared, whatever matched before.
            boolean equal = MessageDigest.isEqual(session ? candidate.sessionDigest() : candidate.digest(), digest);
            matched = equal ? candidate.token() : matched;
        }
        return matched;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
