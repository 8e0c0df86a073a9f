package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Request counts of the emulator: total, in flight now, and the most ever in flight at once. */
public final class EmulatorStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    void enter() {
        requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    void exit() {
        inFlight.decrementAndGet();
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
                .put("peakInFlight", peakInFlight.get());
    }
}
