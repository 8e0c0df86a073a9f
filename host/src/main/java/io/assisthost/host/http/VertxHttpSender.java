package io.assisthost.host.http;

import io.assisthost.api.HttpRequest;
import io.assisthost.api.HttpResponse;
import io.assisthost.api.HttpSender;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@link HttpSender} plugins use: the host's non-blocking web client, redirects never followed.
 */
public final class VertxHttpSender implements HttpSender {

    private final WebClient client;

    public VertxHttpSender(WebClient client) {
        this.client = client;
    }

    @Override
    public CompletionStage<HttpResponse> send(HttpRequest request) {
        var outgoing = client.requestAbs(HttpMethod.valueOf(request.method()), request.uri().toString())
                .followRedirects(false)
                .timeout(request.timeout().toMillis());
        request.headers().forEach(outgoing::putHeader);
        Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent = request.body() == null
                ? outgoing.send()
                : outgoing.sendBuffer(Buffer.buffer(request.body()));
        return sent
                .map(response -> new HttpResponse(response.statusCode(), headers(response.headers()),
                        response.body() == null ? new byte[0] : response.body().getBytes()))
                .recover(failure -> Future.failedFuture(new IOException(
                        request.method() + " " + request.uri() + " failed: " + failure.getMessage(), failure)))
                .toCompletionStage();
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach(entry -> map.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
        return map;
    }
}
