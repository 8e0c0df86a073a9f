package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request counts of the emulator: total, in flight now, the most ever in flight at once, and the OAuth
 * tokens it granted.
 */
public final class EmulatorStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong tokensGranted = new AtomicLong();

    void enter() {
        requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    void exit() {
        inFlight.decrementAndGet();
    }

    void granted() {
        tokensGranted.incrementAndGet();
    }

    /** How many client-credentials tokens the emulator issued. */
    public long tokensGranted() {
        return tokensGranted.get();
    }

    /** The most requests that were ever in flight at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    public long requests() {
        return requests.get();
    }

    /** Starts a new peak measurement. */
    public void resetPeak() {
        peakInFlight.set(inFlight.get());
    }

    public JsonObject toJson() {
        return new JsonObject().put("requests", requests.get()).put("inFlight", inFlight.get())
                .put("peakInFlight", peakInFlight.get()).put("tokensGranted", tokensGranted.get());
    }
}
