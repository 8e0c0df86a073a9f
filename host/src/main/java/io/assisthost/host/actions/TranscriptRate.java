package io.assisthost.host.actions;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits the transcript events each conversation may send through the API and the bus: a token bucket
 * per conversation, refilled at {@code ratePerSecond} up to {@code burst}. Counted per node: a
 * conversation whose events are spread over several nodes may send that much to each. Thread-safe;
 * the buckets of conversations that went quiet are dropped once there are many.
 */
final class TranscriptRate {

    /** Buckets kept before the full ones (conversations quiet long enough to have refilled) are dropped. */
    static final int PRUNE_ABOVE = 10_000;

    private record Bucket(double tokens, long atMillis) {
    }

    private final double ratePerMilli;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    // A sweep reads every bucket: with many busy conversations it runs once a second, not at every event.
    private final AtomicLong lastSweep;

    TranscriptRate(int ratePerSecond, int burst, Clock clock) {
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
        this.lastSweep = new AtomicLong(clock.millis() - 1_000);
    }

    /**
     * Takes one event's token for a conversation.
     *
     * @return 0 if the event is admitted, else the whole seconds until it would be (at least 1)
     */
    long acquire(String conversationId) {
        long now = clock.millis();
        long last = lastSweep.get();
        if (buckets.size() > PRUNE_ABOVE && now - last >= 1_000 && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(bucket -> refilled(bucket, now) >= burst);
        }
        long[] wait = {0};
        buckets.compute(conversationId, (id, bucket) -> {
            double tokens = bucket == null ? burst : refilled(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / ratePerMilli / 1000));
            return new Bucket(tokens, now);
        });
        return wait[0];
    }

    /** Conversations with a bucket (for tests). */
    int size() {
        return buckets.size();
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(burst, bucket.tokens() + Math.max(0, now - bucket.atMillis()) * ratePerMilli);
    }
}
