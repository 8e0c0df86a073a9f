package io.assisthost.host.plugins;

import java.util.concurrent.CompletableFuture;

/**
 * Counts calls in flight into one plugin and, once closed, admits no more and signals when the last
 * one has left. Thread-safe.
 */
final class InFlightGate {

    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private int inFlight;
    private boolean closed;

    /** @return whether the call may proceed; if so, it must {@link #exit()} exactly once */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    void exit() {
        boolean last;
        synchronized (this) {
            inFlight--;
            last = closed && inFlight == 0;
        }
        if (last) {
            drained.complete(null);
        }
    }

    /** Admits no more calls; the returned future completes when the calls in flight have left. */
    CompletableFuture<Void> close() {
        boolean empty;
        synchronized (this) {
            closed = true;
            empty = inFlight == 0;
        }
        if (empty) {
            drained.complete(null);
        }
        return drained;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
