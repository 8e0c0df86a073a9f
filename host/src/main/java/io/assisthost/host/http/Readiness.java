package io.assisthost.host.http;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Named readiness checks: the host is ready when every check passes. Components register theirs at
 * start; checks must be cheap, non-blocking reads of state.
 */
public final class Readiness {

    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    public synchronized Readiness register(String name, BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    /** Each check's state, {@code UP} or {@code DOWN}. */
    public synchronized JsonObject states() {
        JsonObject states = new JsonObject();
        checks.forEach((name, check) -> states.put(name, passes(check) ? "UP" : "DOWN"));
        return states;
    }

    private static boolean passes(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
