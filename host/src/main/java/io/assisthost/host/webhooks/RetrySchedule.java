package io.assisthost.host.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential backoff ({@code initial × 2^(attempt-1)}, capped at
 * {@code max}) with "equal jitter" (a random point in the upper half of that delay), so that many
 * events failing together do not retry together. A receiver's {@code Retry-After} is a floor.
 */
public final class RetrySchedule {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1); tests pass a fixed one
     */
    public RetrySchedule(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * @param failedAttempts attempts made so far (1 after the first failure)
     * @param retryAfter     the receiver's requested delay, or {@code null}
     * @return the delay before the next attempt
     */
    public Duration delay(int failedAttempts, Duration retryAfter) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 60);
        long ceiling = (long) Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, doublings));
        long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        Duration backoff = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }
}
