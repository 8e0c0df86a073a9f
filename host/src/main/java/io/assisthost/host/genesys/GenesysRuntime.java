package io.assisthost.host.genesys;

import io.assisthost.host.config.GenesysOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the host holds for one Genesys org: its token, its SDK client and its live transcript
 * feed. Wrong client credentials stop the start; an unreachable
 * Genesys does not (the token is retried, readiness reports it, fallbacks serve).
 */
public final class GenesysRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(GenesysRuntime.class);

    private final Endpoints endpoints;
    private final TokenProvider tokens;
    private final GenesysClient client;
    private final TranscriptFeed feed;
    private final WebClient loginClient;

    /** Where and as whom to reach Genesys. */
    public record Endpoints(String apiBase, String loginBase, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Endpoints[apiBase=" + apiBase + ", loginBase=" + loginBase + ", clientId=" + clientId + "]";
        }
    }

    private GenesysRuntime(Endpoints endpoints, TokenProvider tokens, GenesysClient client, TranscriptFeed feed,
                           WebClient loginClient) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.client = client;
        this.feed = feed;
        this.loginClient = loginClient;
    }

    /** Fetches the token, builds the client and opens the transcript feed. */
    public static Future<GenesysRuntime> start(Vertx vertx, GenesysOptions options, Endpoints endpoints, Clock clock,
                                               String userAgent, Consumer<TranscriptEvent> transcripts) {
        WebClient loginClient = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent(userAgent).setFollowRedirects(false)
                .setConnectTimeout((int) options.connectTimeout().toMillis()));
        TokenProvider tokens = new TokenProvider(vertx, loginClient, endpoints.loginBase(), endpoints.clientId(),
                endpoints.clientSecret(), options.tokenRenewAtRatio(), options.requestTimeout(), clock);
        return tokens.start()
                .recover(failure -> tolerateUnreachable(tokens, failure))
                // Building the SDK client loads the SDK and indexes the JVM's trust store: worker work.
                .compose(token -> vertx.executeBlocking(() -> new GenesysClient(vertx, tokens, endpoints.apiBase(),
                        token == null ? "" : token, options.maxConcurrentRequests(), options.connectTimeout(),
                        options.requestTimeout(), userAgent), false))
                .map(client -> new GenesysRuntime(endpoints, tokens, client,
                        new TranscriptFeed(vertx, client, transcripts), loginClient))
                .compose(runtime -> runtime.feed.start()
                        .recover(failure -> {
                            LOG.warn("Live transcripts unavailable for now: {}", failure.getMessage());
                            return Future.succeededFuture();
                        })
                        .map(runtime));
    }

    private static Future<String> tolerateUnreachable(TokenProvider tokens, Throwable failure) {
        if (failure instanceof GenesysFailure typed && typed.kind() == GenesysFailure.Kind.UNAUTHORIZED) {
            return Future.failedFuture(failure);
        }
        LOG.warn("Genesys is not reachable yet ({}); the host starts and keeps trying", failure.getMessage());
        tokens.retryLater();
        return Future.succeededFuture(null);
    }

    public TokenProvider tokens() {
        return tokens;
    }

    public GenesysClient client() {
        return client;
    }

    public TranscriptFeed feed() {
        return feed;
    }

    /** This node's view of its Genesys connection, for the API. */
    public JsonObject describe() {
        return new JsonObject()
                .put("apiBase", endpoints.apiBase())
                .put("loginBase", endpoints.loginBase())
                .put("clientId", endpoints.clientId())
                .put("tokenValid", tokens.valid())
                .put("transcripts", new JsonObject()
                        .put("connected", feed.connected())
                        .put("followedConversations", feed.followed())
                        .put("eventsReceived", feed.received()));
    }

    public Future<Void> close() {
        tokens.close();
        return feed.close().eventually(() -> {
            client.close();
            loginClient.close();
            return Future.succeededFuture();
        });
    }
}
