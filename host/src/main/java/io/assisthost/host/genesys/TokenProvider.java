package io.assisthost.host.genesys;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the OAuth client-credentials token of one Genesys org: fetches it from the configured login
 * base, renews it at a share of its lifetime ({@code genesys.tokenRenewAtRatio}) and after a 401, and
 * shares one renewal among all callers that ask at once. The SDK never refreshes client-credentials
 * tokens itself, so this class is the only place a token comes from.
 */
public final class TokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TokenProvider.class);
    private static final Duration RETRY_AFTER_FAILED_RENEWAL = Duration.ofSeconds(5);

    /** A token and when it stops being valid. */
    record Token(String value, Instant expiresAt) {
    }

    private final Vertx vertx;
    private final WebClient client;
    private final String loginBase;
    private final String clientId;
    private final String clientSecret;
    private final double renewAtRatio;
    private final Duration requestTimeout;
    private final Clock clock;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private volatile Token current;
    private Future<Token> renewing;
    private long renewalTimer = -1;
    private volatile long fetches;

    public TokenProvider(Vertx vertx, WebClient client, String loginBase, String clientId, String clientSecret,
                         double renewAtRatio, Duration requestTimeout, Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.loginBase = loginBase;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.renewAtRatio = renewAtRatio;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /** Fetches the first token. Fails fast with {@link GenesysFailure.Kind#UNAUTHORIZED} on bad credentials. */
    public Future<String> start() {
        return renew(null);
    }

    /** Calls {@code listener} with every new token. */
    public TokenProvider onToken(Consumer<String> listener) {
        listeners.add(listener);
        return this;
    }

    /** The current token, or {@code null} before the first one arrived. */
    public String current() {
        Token token = current;
        return token == null ? null : token.value();
    }

    /** Whether a token is held and has not expired. */
    public boolean valid() {
        Token token = current;
        return token != null && clock.instant().isBefore(token.expiresAt());
    }

    /** How many tokens have been requested from the login endpoint. */
    public long fetches() {
        return fetches;
    }

    /**
     * Renews the token because {@code rejected} was refused (or, with {@code null}, because none is
     * held). If the current token is already another one, it is returned at once; if a renewal is in
     * flight, its result is shared.
     */
    public synchronized Future<String> renew(String rejected) {
        Token token = current;
        if (token != null && rejected != null && !token.value().equals(rejected)) {
            return Future.succeededFuture(token.value());
        }
        if (renewing == null) {
            renewing = fetch().andThen(result -> clearRenewing());
        }
        return renewing.map(Token::value);
    }

    /** Tries again later after a failed first fetch, until a token arrives. */
    public void retryLater() {
        schedule(RETRY_AFTER_FAILED_RENEWAL);
    }

    /** Stops scheduled renewals. */
    public synchronized void close() {
        if (renewalTimer >= 0) {
            vertx.cancelTimer(renewalTimer);
            renewalTimer = -1;
        }
    }

    private synchronized void clearRenewing() {
        renewing = null;
    }

    private Future<Token> fetch() {
        fetches++;
        return client.postAbs(loginBase + "/oauth/token")
                .basicAuthentication(clientId, clientSecret)
                .putHeader("Accept", "application/json")
                .timeout(requestTimeout.toMillis())
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials"))
                .recover(failure -> Future.failedFuture(new GenesysFailure(GenesysFailure.Kind.NETWORK, 0, null,
                        "cannot reach the Genesys login service at " + loginBase + ": " + failure.getMessage(),
                        null, null, failure)))
                .compose(this::accept)
                .onSuccess(this::install)
                .onFailure(failure -> LOG.error("Genesys token for client id '{}' not obtained: {}", clientId,
                        failure.getMessage()));
    }

    private Future<Token> accept(HttpResponse<Buffer> response) {
        if (response.statusCode() == 200) {
            try {
                JsonObject body = response.bodyAsJsonObject();
                String value = body.getString("access_token");
                Number expiresIn = body.getInteger("expires_in");
                if (value != null && !value.isBlank() && expiresIn != null && expiresIn.longValue() > 0) {
                    return Future.succeededFuture(new Token(value, clock.instant().plusSeconds(expiresIn.longValue())));
                }
            } catch (RuntimeException malformed) {
                // falls through to the invalid-response failure below
            }
            return Future.failedFuture(new GenesysFailure(GenesysFailure.Kind.INVALID_RESPONSE, 200, null,
                    "the Genesys login service answered without a usable access_token/expires_in", null, null, null));
        }
        String correlationId = response.getHeader("ININ-Correlation-Id");
        String detail = describe(response);
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            return Future.failedFuture(new GenesysFailure(GenesysFailure.Kind.UNAUTHORIZED, response.statusCode(),
                    "invalid_client", "Genesys rejected the client credentials of client id '" + clientId + "' ("
                    + response.statusCode() + " " + detail + ")", null, correlationId, null));
        }
        return Future.failedFuture(new GenesysFailure(GenesysFailure.kindOf(response.statusCode()), response.statusCode(),
                null, "the Genesys login service answered " + response.statusCode() + " " + detail,
                GenesysFailure.retryAfter(response.getHeader("Retry-After")), correlationId, null));
    }

    private void install(Token token) {
        current = token;
        listeners.forEach(listener -> listener.accept(token.value()));
        Duration lifetime = Duration.between(clock.instant(), token.expiresAt());
        schedule(Duration.ofMillis(Math.max(1, (long) (lifetime.toMillis() * renewAtRatio))));
    }

    private synchronized void schedule(Duration delay) {
        if (renewalTimer >= 0) {
            vertx.cancelTimer(renewalTimer);
        }
        renewalTimer = vertx.setTimer(delay.toMillis(), id -> {
            synchronized (this) {
                renewalTimer = -1;
            }
            renew(current()).onFailure(failure -> schedule(RETRY_AFTER_FAILED_RENEWAL));
        });
    }

    private static String describe(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            String error = body.getString("error", "");
            String description = body.getString("error_description", body.getString("description", ""));
            return (error + " " + description).trim();
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
