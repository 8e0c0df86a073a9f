package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's OAuth client-credentials grant: one accepted client, bearer tokens with a lifetime,
 * and a switch that expires every token at once. Thread-safe.
 */
final class OAuthTokens {

    private final String clientId;
    private final String clientSecret;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    OAuthTokens(String clientId, String clientSecret, Duration lifetime, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * Answers a token request.
     *
     * @param authorization the request's {@code Authorization} header
     * @param grantType     the form's {@code grant_type}
     * @throws EmulatorError 400 for another grant, 401 for unknown client credentials
     */
    JsonObject grant(String authorization, String grantType) {
        if (!"client_credentials".equals(grantType)) {
            throw new EmulatorError(400, "unsupported_grant_type", "grant type " + grantType + " is not supported");
        }
        if (!matches(authorization)) {
            throw new EmulatorError(401, "invalid_client", "client not found");
        }
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        issued.put(token, clock.instant().plus(lifetime));
        return new JsonObject().put("access_token", token).put("token_type", "bearer")
                .put("expires_in", lifetime.toSeconds());
    }

    /** Whether a bearer token was issued and has not expired. */
    boolean valid(String token) {
        Instant expires = issued.get(token);
        if (expires == null) {
            return false;
        }
        if (!clock.instant().isBefore(expires)) {
            issued.remove(token);
            return false;
        }
        return true;
    }

    /** Makes every issued token invalid, as if they had all expired. */
    void expireAll() {
        issued.clear();
    }

    private boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] expected = (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, decoded.getBytes(StandardCharsets.UTF_8));
    }
}
