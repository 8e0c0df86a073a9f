package io.assisthost.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.api.DeliveryOutcome;
import io.assisthost.api.HttpResponse;
import io.assisthost.api.SinkTarget;
import io.assisthost.api.WebhookDelivery;
import io.assisthost.api.testing.TestPluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpWebhookSinkTest {

    private static WebhookDelivery delivery() {
        return new WebhookDelivery("msg_1", "agentassist.action.triggered", Instant.parse("2026-01-01T00:00:00Z"),
                "conv-1", "{\"type\":\"agentassist.action.triggered\"}",
                Map.of("webhook-id", "msg_1", "webhook-signature", "v1,abc"),
                new SinkTarget("sink-1", "http", "https://coach.example/hooks", Map.of()), 1);
    }

    private static HttpResponse response(int status, String retryAfter) {
        return new HttpResponse(status, retryAfter == null ? Map.of() : Map.of("retry-after", List.of(retryAfter)), null);
    }

    @Test
    void postsThePayloadWithTheHostsHeadersToTheSinkUrl() {
        TestPluginContext context = new TestPluginContext("http-webhook");
        DeliveryOutcome outcome = new HttpWebhookSink(context).deliver(delivery()).toCompletableFuture().join();
        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.DELIVERED);
        assertThat(context.httpRequests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri()).hasToString("https://coach.example/hooks");
            assertThat(request.headers()).containsEntry("webhook-id", "msg_1").containsEntry("webhook-signature", "v1,abc");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(delivery().payload());
        });
    }

    @ParameterizedTest
    @CsvSource({
        "200,,DELIVERED,",
        "204,,DELIVERED,",
        "410,,GONE,",
        "429,30,RETRY,30",
        "503,,RETRY,",
        "503,Wed 21 Oct 2015,RETRY,",
        "408,,RETRY,",
        "400,,GIVE_UP,",
        "404,,GIVE_UP,",
    })
    void classifiesTheReceiversAnswer(int status, String retryAfter, DeliveryOutcome.Status expected, Long seconds) {
        DeliveryOutcome outcome = HttpWebhookSink.classify(response(status, retryAfter));
        assertThat(outcome.status()).isEqualTo(expected);
        assertThat(outcome.httpStatus()).isEqualTo(status);
        assertThat(outcome.retryAfter()).isEqualTo(seconds == null ? null : Duration.ofSeconds(seconds));
    }

    @Test
    void retriesWhenNoResponseArrives() {
        TestPluginContext context = new TestPluginContext("http-webhook")
                .http(request -> CompletableFuture.failedFuture(new IOException("connection refused")));
        DeliveryOutcome outcome = new HttpWebhookSink(context).deliver(delivery()).toCompletableFuture().join();
        assertThat(outcome.status()).isEqualTo(DeliveryOutcome.Status.RETRY);
        assertThat(outcome.httpStatus()).isZero();
        assertThat(outcome.detail()).contains("connection refused");
    }
}
