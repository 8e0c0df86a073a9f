package io.assisthost.host.recommend;

import io.assisthost.host.config.RecommendOptions;
import io.assisthost.host.genesys.GenesysFailure;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per knowledge base, created on first use with the {@code recommend.breaker}
 * settings. Only server trouble counts as a failure (5xx, 429, timeouts, network errors): a 4xx other
 * than 429 is the request's fault and leaves the breaker alone. Breaker state is this node's own; every
 * change is published on {@code assist.breakers} with the node id.
 */
public final class BreakerRegistry {

    /** Where breaker state changes are published. */
    public static final String ADDRESS = "assist.breakers";

    private static final Logger LOG = LoggerFactory.getLogger(BreakerRegistry.class);

    private record Entry(CircuitBreaker breaker, String knowledgeBaseId, Instant created) {
    }

    private final Vertx vertx;
    private final RecommendOptions options;
    private final Clock clock;
    private final String nodeId;
    private final Map<String, Entry> breakers = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastChange = new ConcurrentHashMap<>();

    public BreakerRegistry(Vertx vertx, RecommendOptions options, Clock clock, String nodeId) {
        this.vertx = vertx;
        this.options = options;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** The breaker guarding searches of one knowledge base. */
    public CircuitBreaker forKnowledgeBase(String knowledgeBaseId) {
        return breakers.computeIfAbsent(name(knowledgeBaseId), name -> create(name, knowledgeBaseId)).breaker();
    }

    /** Every breaker of this node: name, knowledge base, state, failure count, last change. */
    public JsonArray describe() {
        JsonArray all = new JsonArray();
        new TreeMap<>(breakers).forEach((name, entry) -> all.add(describe(name, entry)));
        return all;
    }

    public void close() {
        breakers.values().forEach(entry -> entry.breaker().close());
    }

    static String name(String knowledgeBaseId) {
        return "genesys:" + knowledgeBaseId;
    }

    private Entry create(String name, String knowledgeBaseId) {
        CircuitBreaker breaker = CircuitBreaker.create(name, vertx, new CircuitBreakerOptions()
                .setMaxFailures(options.breakerMaxFailures())
                .setTimeout(options.breakerTimeout().toMillis())
                .setResetTimeout(options.breakerResetTimeout().toMillis())
                .setFailuresRollingWindow(options.breakerRollingWindow().toMillis())
                .setNotificationAddress(null));
        breaker.failurePolicy(future -> future.failed() && countsAsFailure(future.cause()));
        Entry entry = new Entry(breaker, knowledgeBaseId, clock.instant());
        breaker.openHandler(v -> changed(name, entry));
        breaker.halfOpenHandler(v -> changed(name, entry));
        breaker.closeHandler(v -> changed(name, entry));
        return entry;
    }

    static boolean countsAsFailure(Throwable failure) {
        if (failure instanceof GenesysFailure genesys) {
            return genesys.isTransient();
        }
        return failure instanceof io.vertx.circuitbreaker.TimeoutException || failure instanceof TimeoutException
                || !(failure instanceof IllegalArgumentException);
    }

    private void changed(String name, Entry entry) {
        lastChange.put(name, clock.instant());
        JsonObject state = describe(name, entry);
        LOG.info("Circuit breaker {} is now {}", name, state.getString("state"));
        vertx.eventBus().publish(ADDRESS, state);
    }

    private JsonObject describe(String name, Entry entry) {
        CircuitBreakerState state = entry.breaker().state();
        Instant changed = lastChange.getOrDefault(name, entry.created());
        return new JsonObject()
                .put("name", name)
                .put("knowledgeBaseId", entry.knowledgeBaseId())
                .put("state", state.name())
                .put("failures", entry.breaker().failureCount())
                .put("lastChange", changed.toString())
                .put("node", nodeId);
    }
}
