package io.assisthost.host.http;

import io.assisthost.api.HttpRequest;
import io.assisthost.api.HttpResponse;
import io.assisthost.api.HttpSender;
import io.assisthost.host.webhooks.OutboundPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@link HttpSender} plugins use: the host's non-blocking web client, redirects never followed,
 * every destination checked by the {@link OutboundPolicy} and the connection made to the address the
 * check resolved.
 */
public final class VertxHttpSender implements HttpSender {

    private final Vertx vertx;
    private final WebClient client;
    private final OutboundPolicy policy;

    public VertxHttpSender(Vertx vertx, WebClient client, OutboundPolicy policy) {
        this.vertx = vertx;
        this.client = client;
        this.policy = policy;
    }

    @Override
    public CompletionStage<HttpResponse> send(HttpRequest request) {
        return vertx.executeBlocking(() -> policy.check(request.uri()), false)
                .compose(address -> send(request, address))
                .toCompletionStage();
    }

    private Future<HttpResponse> send(HttpRequest request, InetAddress address) {
        URI uri = request.uri();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        var outgoing = client.requestAbs(HttpMethod.valueOf(request.method()),
                        SocketAddress.inetSocketAddress(port, address.getHostAddress()), uri.toString())
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
                        request.method() + " " + shown(request.uri()) + " failed: " + failure.getMessage(), failure)));
    }

    /** The URI as an error message may show it: credentials in it read {@code ***}. */
    static String shown(URI uri) {
        String text = uri.toString();
        return uri.getRawUserInfo() == null ? text : text.replace(uri.getRawUserInfo() + "@", "***@");
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach(entry -> map.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
        return map;
    }
}
