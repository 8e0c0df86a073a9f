package io.assisthost.host.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 for tests: answers each request with the status its policy picks and
 * records what arrived. Its signature check follows the Standard Webhooks specification on its own,
 * sharing no code with the host's signer.
 */
public final class WebhookReceiver {

    /** One request as it arrived, and the status it was answered with. */
    public record Received(String id, String timestamp, String signature, String body, int status, Instant at) {

        public JsonObject json() {
            return new JsonObject(body);
        }

        /** Whether one of the signatures verifies with {@code secret}. */
        public boolean signedWith(String secret) {
            return verify(secret, id, timestamp, body, signature);
        }
    }

    /** A policy: picks a status and optional {@code Retry-After} for a request. */
    public record Answer(int status, String retryAfter) {
        public static Answer of(int status) {
            return new Answer(status, null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> policy = request -> Answer.of(204);
    private HttpServer server;
    private int port;

    public WebhookReceiver start(Vertx vertx) {
        return listen(vertx, 0);
    }

    /** Closes the port: deliveries meet a refused connection, as with a receiver that is down. */
    public void stop() {
        server.close().await();
    }

    /** Opens the same port again. */
    public WebhookReceiver restart(Vertx vertx) {
        return listen(vertx, port);
    }

    private WebhookReceiver listen(Vertx vertx, int onPort) {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Received arrived = new Received(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                    request.getHeader("webhook-signature"), body.toString(StandardCharsets.UTF_8), 0, Instant.now());
            Answer answer = policy.apply(arrived);
            received.add(new Received(arrived.id(), arrived.timestamp(), arrived.signature(), arrived.body(),
                    answer.status(), arrived.at()));
            if (answer.retryAfter() != null) {
                request.response().putHeader("Retry-After", answer.retryAfter());
            }
            request.response().setStatusCode(answer.status()).end();
        })).listen(onPort, "127.0.0.1").await();
        port = server.actualPort();
        return this;
    }

    public WebhookReceiver answer(Function<Received, Answer> policy) {
        this.policy = policy;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx status. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.status() >= 200 && r.status() < 300).toList();
    }

    /**
     * The specification's verification: the key is the base64 part of the {@code whsec_} secret, the
     * signed content {@code id.timestamp.body}, and any space-separated {@code v1,<base64>} may match.
     */
    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : signatureHeader.split(" ")) {
                String[] parts = candidate.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
