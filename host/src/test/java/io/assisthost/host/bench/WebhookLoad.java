package io.assisthost.host.bench;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.WebhookReceiver;
import io.assisthost.host.webhooks.EventTypes;
import io.assisthost.host.webhooks.WebhookEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load harness for the durable outbox: a host with the bundled plugins delivers signed events to a
 * receiver on 127.0.0.1 that verifies every signature; reports sustained deliveries per second and
 * audit appends per second. Arguments: events (default 20000), conversations (default 500).
 */
public final class WebhookLoad {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private WebhookLoad() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int conversations = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path home = Files.createTempDirectory("assist-webhook-load");
        Vertx vertx = Vertx.vertx();
        try {
            TestHosts.installBundledPlugins(home.resolve("plugins"));
            AtomicReference<CountDownLatch> received = new AtomicReference<>(new CountDownLatch(0));
            AtomicInteger badSignatures = new AtomicInteger();
            HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (!WebhookReceiver.verify(SECRET, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                        body.toString(StandardCharsets.UTF_8), request.getHeader("webhook-signature"))) {
                    badSignatures.incrementAndGet();
                }
                received.get().countDown();
                request.response().setStatusCode(204).end();
            })).listen(0, "127.0.0.1").await();
            HostVerticle host = TestHosts.deploy(vertx, home, new JsonObject().put("webhooks", new JsonObject()
                    .put("allowHosts", new JsonArray().add("127.0.0.1")).put("maxInFlight", 256)));
            host.webhooks().sinks().create(new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks")
                    .put("secret", SECRET), "load").await();

            run(host, received, events / 10, conversations);
            long start = System.nanoTime();
            long acknowledged = run(host, received, events, conversations);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("webhooks: %d events to %d conversations: written to the outbox in %.2f s (%.0f/s), "
                            + "delivered signed in %.2f s: %.0f deliveries/s; bad signatures: %d%n", events, conversations,
                    (acknowledged - start) / 1e9, events / ((acknowledged - start) / 1e9), seconds, events / seconds,
                    badSignatures.get());

            long auditStart = System.nanoTime();
            List<Future<JsonObject>> appends = new ArrayList<>(events);
            for (int i = 0; i < events; i++) {
                appends.add(host.audit().append(new AuditRecord("recommendation", "load", "conv-" + (i % conversations),
                        null, "kb", new JsonObject().put("count", 5).put("maxScore", 0.9))));
            }
            Future.all(appends).await();
            double auditSeconds = (System.nanoTime() - auditStart) / 1e9;
            System.out.printf("audit: %d appends in %.2f s: %.0f appends/s; chain valid: %s%n", events, auditSeconds,
                    events / auditSeconds, host.audit().verify().await().getBoolean("valid"));
        } finally {
            vertx.close().await();
        }
    }

    /** Publishes {@code events} and waits until the receiver has them; returns when the outbox acknowledged all. */
    private static long run(HostVerticle host, AtomicReference<CountDownLatch> received, int events, int conversations)
            throws Exception {
        CountDownLatch done = new CountDownLatch(events);
        received.set(done);
        List<Future<?>> published = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            published.add(host.webhooks().outbox().publish(new WebhookEvent(EventTypes.ACTION_TRIGGERED,
                    "conv-" + (i % conversations), new JsonObject().put("n", i).put("actionId", "refund-policy"))));
        }
        Future.all(published).await();
        long acknowledged = System.nanoTime();
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + (events - done.getCount()) + " of " + events + " delivered");
        }
        return acknowledged;
    }
}
