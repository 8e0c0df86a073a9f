package io.assisthost.host.http;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requires {@code Authorization: Bearer <token>}, or for {@code GET /api/v1/stream} alone the session
 * cookie the console sets (a browser's {@code EventSource} cannot send headers; a GET of the stream
 * changes nothing, so the cookie cannot be used to make a change). The comparison runs in constant
 * time over SHA-256 digests, so neither the token's content nor its length leaks through timing.
 */
final class BearerAuth implements Handler<RoutingContext> {

    /** The API token's name: the actor of changes made through the API, as the audit log records them. */
    static final String ACTOR = "api-token";

    /** The session cookie's name. */
    static final String COOKIE = "assist_session";

    private static final String PREFIX = "Bearer ";
    private static final String STREAM = "/api/v1/stream";

    private final byte[] expectedDigest;
    private final byte[] sessionDigest;

    BearerAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the API token must not be blank");
        }
        this.expectedDigest = sha256(token);
        this.sessionDigest = sha256(sessionValue(token));
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

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (header == null && cookie != null && STREAM.equals(ctx.request().path())
                && ctx.request().method() == HttpMethod.GET) {
            if (MessageDigest.isEqual(sessionDigest, sha256(cookie.getValue()))) {
                ctx.next();
            } else {
                Problems.send(ctx, 401, "the session has ended; log in again");
            }
            return;
        }
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            Problems.send(ctx, 401, "this route needs an Authorization: Bearer <token> header");
            return;
        }
        String presented = header.substring(PREFIX.length()).trim();
        if (!MessageDigest.isEqual(expectedDigest, sha256(presented))) {
            Problems.send(ctx, 401, "the bearer token is not valid for this host");
            return;
        }
        ctx.next();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
