package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Signatures checked against the specification, not against the signing code: the published test
 * vector, and a verifier written here from the Standard Webhooks text.
 */
class WebhookSignerTest {

    /** The Standard Webhooks specification's test vector. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    /**
     * A receiver's check, from the specification: the timestamp within five minutes of now; the content
     * {@code id.timestamp.body} signed with HMAC-SHA256 under the base64-decoded secret; any of the
     * space-separated {@code v1,} signatures matching, compared in constant time.
     */
    private static boolean verify(String secret, Map<String, String> headers, String body, long nowSeconds) throws Exception {
        long timestamp = Long.parseLong(headers.get("webhook-timestamp"));
        if (Math.abs(nowSeconds - timestamp) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.split("_", 2)[1]), "HmacSHA256"));
        byte[] expected = mac.doFinal((headers.get("webhook-id") + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String signature : headers.get("webhook-signature").split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts[0].equals("v1") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void reproducesTheSpecificationsTestVector() {
        assertThat(WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void anIndependentVerifierAcceptsTheHeadersAndRejectsTampering() throws Exception {
        String secret = WebhookSigner.newSecret();
        String body = "{\"type\":\"agentassist.action.triggered\",\"conversationId\":\"c-1\"}";
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        Map<String, String> headers = WebhookSigner.headers("msg_1", now, body, List.of(secret));
        assertThat(headers).containsEntry("webhook-id", "msg_1").containsEntry("webhook-timestamp", "1772359200")
                .containsEntry("content-type", "application/json");
        assertThat(verify(secret, headers, body, now.getEpochSecond())).isTrue();
        assertThat(verify(secret, headers, body.replace("c-1", "c-2"), now.getEpochSecond())).isFalse();
        assertThat(verify(WebhookSigner.newSecret(), headers, body, now.getEpochSecond())).isFalse();
        assertThat(verify(secret, headers, body, now.getEpochSecond() + 301)).as("replayed too late").isFalse();
    }

    @Test
    void whileASecretRotatesEitherSecretVerifies() throws Exception {
        String oldSecret = WebhookSigner.newSecret();
        String newSecret = WebhookSigner.newSecret();
        Instant now = Instant.now();
        Map<String, String> headers = WebhookSigner.headers("msg_2", now, "{}", List.of(newSecret, oldSecret));
        assertThat(headers.get("webhook-signature").split(" ")).hasSize(2);
        assertThat(verify(newSecret, headers, "{}", now.getEpochSecond())).isTrue();
        assertThat(verify(oldSecret, headers, "{}", now.getEpochSecond())).isTrue();
    }

    @Test
    void recognisesSecretsInTheStandardFormat() {
        assertThat(WebhookSigner.isValidSecret(SPEC_SECRET)).isTrue();
        assertThat(WebhookSigner.isValidSecret(WebhookSigner.newSecret())).isTrue();
        assertThat(WebhookSigner.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
        assertThat(WebhookSigner.isValidSecret("whsec_not*base64")).isFalse();
        assertThat(WebhookSigner.isValidSecret("whsec_c2hvcnQ=")).isFalse();
    }
}
