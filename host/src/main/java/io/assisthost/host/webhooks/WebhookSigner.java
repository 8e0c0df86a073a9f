package io.assisthost.host.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries as the Standard Webhooks specification describes: the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, the signature {@code v1,<base64 HMAC-SHA256>} with
 * the secret's base64-decoded bytes (after its {@code whsec_} prefix) as key. While a secret rotates,
 * the delivery carries one signature per secret, separated by spaces, and receivers accept any.
 */
public final class WebhookSigner {

    /** The prefix of secrets in the Standard Webhooks format. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /** A new random secret: 24 bytes, base64, with the {@code whsec_} prefix. */
    public static String newSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether a secret is in the Standard Webhooks format. */
    public static boolean isValidSecret(String secret) {
        try {
            return secret != null && secret.startsWith(SECRET_PREFIX) && key(secret).length >= 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** One signature, {@code v1,<base64>}. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The headers of one delivery attempt, signed with every given secret (newest first). */
    public static Map<String, String> headers(String id, Instant timestamp, String body, List<String> secrets) {
        long seconds = timestamp.getEpochSecond();
        StringBuilder signatures = new StringBuilder();
        for (String secret : secrets) {
            signatures.append(signatures.length() == 0 ? "" : " ").append(sign(secret, id, seconds, body));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", String.valueOf(seconds));
        headers.put("webhook-signature", signatures.toString());
        return headers;
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
