package io.assisthost.plugins.webhook;

import io.assisthost.api.DeliveryOutcome;
import io.assisthost.api.HttpRequest;
import io.assisthost.api.HttpResponse;
import io.assisthost.api.HttpSender;
import io.assisthost.api.PluginContext;
import io.assisthost.api.WebhookDelivery;
import io.assisthost.api.WebhookSink;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.pf4j.Extension;

/**
 * Delivers events to {@code http} sinks as a signed HTTP POST (Standard Webhooks headers as the host
 * prepared them) and classifies the receiver's answer: 2xx delivered; 410 gone; 408, 425, 429 and 5xx
 * retried (honouring {@code Retry-After} in seconds); any other status given up. A failure to connect
 * is retried.
 *
 * <p>Settings ({@code plugins.config.http-webhook}): {@code timeoutMs} per attempt (default 10000).
 */
@Extension(ordinal = 10)
public class HttpWebhookSink implements WebhookSink {

    /** The sink type this extension serves. */
    public static final String TYPE = "http";

    private final HttpSender http;
    private final Duration timeout;

    public HttpWebhookSink(PluginContext context) {
        this.http = context.http();
        this.timeout = Duration.ofMillis(context.config().getInt("timeoutMs", 10_000));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(WebhookDelivery delivery) {
        HttpRequest request = HttpRequest.post(URI.create(delivery.sink().url()), delivery.headers(),
                delivery.payload().getBytes(StandardCharsets.UTF_8)).withTimeout(timeout);
        return http.send(request)
                .thenApply(HttpWebhookSink::classify)
                .exceptionally(failure -> DeliveryOutcome.retry(0, null, describe(failure)));
    }

    static DeliveryOutcome classify(HttpResponse response) {
        int status = response.status();
        if (response.isSuccess()) {
            return DeliveryOutcome.delivered(status);
        }
        if (status == 410) {
            return DeliveryOutcome.gone(status, "receiver answered 410 Gone");
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return DeliveryOutcome.retry(status, retryAfter(response.header("Retry-After")),
                    "receiver answered " + status);
        }
        return DeliveryOutcome.giveUp(status, "receiver answered " + status);
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
