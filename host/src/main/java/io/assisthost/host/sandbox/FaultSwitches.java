package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The emulator's fault switches: per knowledge base (or {@code *} for every call), added latency with
 * jitter, an error rate with a chosen 5xx status, 429s with a {@code Retry-After}, or a full outage.
 * Set from the host's {@code POST /sandbox/faults} on any thread, read by the emulator's event loop.
 */
public final class FaultSwitches {

    /** Targets every call, token requests included. */
    public static final String EVERYTHING = "*";

    private static final Set<String> FIELDS = Set.of("target", "latencyMs", "jitterMs", "errorRate", "errorStatus",
            "rateLimitRetryAfterSeconds", "outage", "expireTokens");
    private static final Set<Integer> ERROR_STATUSES = Set.of(500, 502, 503, 504);

    /** The faults of one target. */
    public record Fault(String target, long latencyMs, long jitterMs, double errorRate, int errorStatus,
                        Integer rateLimitRetryAfterSeconds, boolean outage) {

        JsonObject toJson() {
            return new JsonObject()
                    .put("target", target)
                    .put("latencyMs", latencyMs)
                    .put("jitterMs", jitterMs)
                    .put("errorRate", errorRate)
                    .put("errorStatus", errorStatus)
                    .put("rateLimitRetryAfterSeconds", rateLimitRetryAfterSeconds)
                    .put("outage", outage);
        }

        /** The delay to add to one call. */
        long delayMs() {
            return latencyMs + (jitterMs > 0 ? ThreadLocalRandom.current().nextLong(jitterMs + 1) : 0);
        }

        /** The error one call should get, or {@code null} to answer normally. */
        EmulatorError error() {
            if (outage) {
                return new EmulatorError(503, "service.unavailable",
                        "The service is currently unavailable. Please try again later.", 30);
            }
            if (rateLimitRetryAfterSeconds != null) {
                return new EmulatorError(429, "too.many.requests.retry.after", "Rate limit exceeded the maximum. Retry "
                        + "the request in [" + rateLimitRetryAfterSeconds + "] seconds", rateLimitRetryAfterSeconds);
            }
            if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
                return new EmulatorError(errorStatus, errorStatus == 504 ? "gateway.timeout" : "internal.server.error",
                        "The server encountered an error (injected by the sandbox fault switches).",
                        errorStatus == 503 ? 5 : null);
            }
            return null;
        }
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Predicate<String> knownTarget;

    /** @param knownTarget which knowledge base ids may be targeted */
    public FaultSwitches(Predicate<String> knownTarget) {
        this.knownTarget = knownTarget;
    }

    /**
     * Validates a switch request and sets the target's faults, replacing what it had.
     *
     * @return whether the request also asked to expire the current tokens
     * @throws IllegalArgumentException naming every bad field
     */
    public boolean set(JsonObject request) {
        StringBuilder problems = new StringBuilder();
        request.fieldNames().stream().filter(name -> !FIELDS.contains(name))
                .forEach(name -> problems.append("unknown field '").append(name).append("'; "));
        String target = request.getValue("target") instanceof String text ? text : null;
        if (target == null || !(target.equals(EVERYTHING) || knownTarget.test(target))) {
            problems.append("target must be \"*\" or the id of a sandbox knowledge base; ");
        }
        long latency = whole(request, "latencyMs", 0, 60_000, problems);
        long jitter = whole(request, "jitterMs", 0, 60_000, problems);
        double errorRate = rate(request, problems);
        long errorStatus = whole(request, "errorStatus", 500, 504, problems);
        if (request.getValue("errorStatus") != null && !ERROR_STATUSES.contains((int) errorStatus)) {
            problems.append("errorStatus must be 500, 502, 503 or 504; ");
        }
        Integer retryAfter = request.getValue("rateLimitRetryAfterSeconds") == null ? null
                : (int) whole(request, "rateLimitRetryAfterSeconds", 1, 3600, problems);
        boolean outage = flag(request, "outage", problems);
        boolean expireTokens = flag(request, "expireTokens", problems);
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
        }
        faults.put(target, new Fault(target, latency, jitter, errorRate,
                request.getValue("errorStatus") == null ? 503 : (int) errorStatus, retryAfter, outage));
        return expireTokens;
    }

    /** The faults that apply to a call on a knowledge base ({@code null} for calls on none). */
    Fault forCall(String knowledgeBaseId) {
        Fault specific = knowledgeBaseId == null ? null : faults.get(knowledgeBaseId);
        return specific != null ? specific : faults.get(EVERYTHING);
    }

    /** Clears every switch. */
    public void clear() {
        faults.clear();
    }

    /** Every target's switches, by target. */
    public JsonArray toJson() {
        JsonArray array = new JsonArray();
        new TreeMap<>(faults).values().forEach(fault -> array.add(fault.toJson()));
        return array;
    }

    private static long whole(JsonObject request, String name, long min, long max, StringBuilder problems) {
        Object value = request.getValue(name);
        if (value == null) {
            return 0;
        }
        // Compared as doubles: longValue() of a huge integer wraps round into the range.
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < min || number.doubleValue() > max) {
            problems.append(name).append(" must be a whole number from ").append(min).append(" to ").append(max).append("; ");
            return 0;
        }
        return number.longValue();
    }

    private static double rate(JsonObject request, StringBuilder problems) {
        Object value = request.getValue("errorRate");
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number) || !(number.doubleValue() >= 0 && number.doubleValue() <= 1)) {
            problems.append("errorRate must be a number from 0 to 1; ");
            return 0;
        }
        return number.doubleValue();
    }

    private static boolean flag(JsonObject request, String name, StringBuilder problems) {
        Object value = request.getValue(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean bool)) {
            problems.append(name).append(" must be true or false; ");
            return false;
        }
        return bool;
    }
}
