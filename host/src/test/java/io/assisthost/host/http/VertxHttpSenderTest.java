package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.assisthost.api.HttpRequest;
import io.assisthost.api.HttpResponse;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.webhooks.OutboundPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plugins' HTTP sender against a real local receiver, under the outbound policy. */
@ExtendWith(BlockedEventLoopGuard.class)
class VertxHttpSenderTest {

    private final Vertx vertx = BlockedEventLoopGuard.strictVertx();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void setUp() {
        receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(request.getHeader("webhook-id") + " " + body.toString(StandardCharsets.UTF_8));
            if (request.path().equals("/moved")) {
                request.response().setStatusCode(302).putHeader("Location", "http://127.0.0.1:1/elsewhere").end();
            } else if (request.path().equals("/to-metadata")) {
                request.response().setStatusCode(307).putHeader("Location", "http://169.254.169.254/latest/meta-data/").end();
            } else if (request.path().equals("/host")) {
                request.response().setStatusCode(200).end(request.authority().host());
            } else {
                request.response().setStatusCode(204).end();
            }
        })).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HttpResponse send(List<String> allowHosts, String path) {
        VertxHttpSender sender = new VertxHttpSender(vertx, WebClient.create(vertx), new OutboundPolicy(allowHosts));
        URI uri = URI.create("http://127.0.0.1:" + receiver.actualPort() + path);
        return sender.send(HttpRequest.post(uri, Map.of("webhook-id", "msg_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join();
    }

    @Test
    void aLoopbackReceiverIsRefusedUnlessAllowlisted() {
        Throwable refused = catchThrowable(() -> send(List.of(), "/hook"));
        assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(SecurityException.class);
        assertThat(received).isEmpty();

        HttpResponse delivered = send(List.of("127.0.0.1"), "/hook");
        assertThat(delivered.status()).isEqualTo(204);
        assertThat(received).containsExactly("msg_1 {\"a\":1}");
    }

    @Test
    void redirectsAreReturnedNotFollowed() {
        HttpResponse moved = send(List.of("127.0.0.1"), "/moved");
        assertThat(moved.status()).isEqualTo(302);
        assertThat(moved.header("location")).isEqualTo("http://127.0.0.1:1/elsewhere");
        assertThat(received).hasSize(1);
    }

    @Test
    void errorMessagesShowNoCredentialsOfTheUrl() {
        assertThat(VertxHttpSender.shown(URI.create("https://coach:pa%40ss@hooks.example.com:8443/a?b=c")))
                .isEqualTo("https://***@hooks.example.com:8443/a?b=c");
        assertThat(VertxHttpSender.shown(URI.create("https://hooks.example.com/a"))).isEqualTo("https://hooks.example.com/a");
    }

    @Test
    void redirectsAreNotFollowedEvenByAClientThatWouldFollowThem() {
        WebClient following = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(true));
        VertxHttpSender sender = new VertxHttpSender(vertx, following, new OutboundPolicy(List.of("127.0.0.1")));
        HttpResponse moved = sender.send(HttpRequest.post(URI.create("http://127.0.0.1:" + receiver.actualPort() + "/to-metadata"),
                Map.of("webhook-id", "msg_2"), new byte[0])).toCompletableFuture().join();
        assertThat(moved.status()).isEqualTo(307);
        assertThat(moved.header("location")).startsWith("http://169.254.169.254/");
        assertThat(received).containsExactly("msg_2 ");
    }

    @Test
    void connectsToTheAddressThePolicyCheckedUnderTheNameItWasGiven() {
        // The name resolves once, in the check; the connection goes to that address, not to a second lookup.
        OutboundPolicy policy = new OutboundPolicy(List.of("hooks.example.test"),
                name -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        VertxHttpSender sender = new VertxHttpSender(vertx, WebClient.create(vertx), policy);
        HttpResponse answered = sender.send(HttpRequest.post(URI.create("http://hooks.example.test:" + receiver.actualPort()
                + "/host"), Map.of("webhook-id", "msg_3"), new byte[0])).toCompletableFuture().join();
        assertThat(answered.status()).isEqualTo(200);
        assertThat(new String(answered.body(), StandardCharsets.UTF_8)).isEqualTo("hooks.example.test");
    }
}
