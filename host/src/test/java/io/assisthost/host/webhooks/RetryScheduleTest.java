package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(10);

    @Test
    void doublesPerFailedAttemptWithJitterInTheUpperHalf() {
        RetrySchedule low = new RetrySchedule(INITIAL, MAX, () -> 0.0);
        RetrySchedule high = new RetrySchedule(INITIAL, MAX, () -> 0.999_999);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = 1000L << (attempt - 1);
            assertThat(low.delay(attempt, null)).isEqualTo(Duration.ofMillis(ceiling / 2));
            assertThat(high.delay(attempt, null).toMillis()).isBetween(ceiling - 1, ceiling);
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        RetrySchedule schedule = new RetrySchedule(INITIAL, MAX, () -> 0.999_999);
        assertThat(schedule.delay(30, null)).isLessThanOrEqualTo(MAX);
        assertThat(schedule.delay(1_000, null)).isLessThanOrEqualTo(MAX).isGreaterThanOrEqualTo(MAX.dividedBy(2));
    }

    @Test
    void aReceiversRetryAfterIsAFloor() {
        RetrySchedule schedule = new RetrySchedule(INITIAL, MAX, () -> 0.5);
        assertThat(schedule.delay(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(schedule.delay(12, Duration.ofSeconds(1))).isGreaterThan(Duration.ofSeconds(1));
    }
}
