package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TranscriptRateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TranscriptRate rate = new TranscriptRate(2, 3, clock);

    @Test
    void admitsABurstThenTheRate() {
        assertThat(rate.acquire("c-1")).isZero();
        assertThat(rate.acquire("c-1")).isZero();
        assertThat(rate.acquire("c-1")).isZero();
        assertThat(rate.acquire("c-1")).as("the burst is spent").isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        assertThat(rate.acquire("c-1")).as("half a second refills one token at 2/s").isZero();
        assertThat(rate.acquire("c-1")).isEqualTo(1);
    }

    @Test
    void countsEachConversationApart() {
        for (int i = 0; i < 3; i++) {
            rate.acquire("c-1");
        }

        assertThat(rate.acquire("c-1")).isPositive();
        assertThat(rate.acquire("c-2")).isZero();
    }

    @Test
    void refillsNoFurtherThanTheBurst() {
        rate.acquire("c-1");
        clock.advance(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(rate.acquire("c-1")).isZero();
        }
        assertThat(rate.acquire("c-1")).isPositive();
    }

    @Test
    void asksForTheWholeSecondsUntilTheNextToken() {
        TranscriptRate slow = new TranscriptRate(1, 1, clock);
        slow.acquire("c-1");

        assertThat(slow.acquire("c-1")).isEqualTo(1);
        clock.advance(Duration.ofMillis(999));
        assertThat(slow.acquire("c-1")).isEqualTo(1);
    }

    @Test
    void dropsTheBucketsOfQuietConversations() {
        for (int i = 0; i <= TranscriptRate.PRUNE_ABOVE; i++) {
            rate.acquire("c-" + i);
        }
        clock.advance(Duration.ofSeconds(2));

        rate.acquire("c-new");

        assertThat(rate.size()).isEqualTo(1);
    }

    @Test
    void sweepsTheBucketsAtMostOnceASecond() {
        for (int i = 0; i <= TranscriptRate.PRUNE_ABOVE; i++) {
            rate.acquire("c-" + i);
        }
        clock.advance(Duration.ofSeconds(2));
        rate.acquire("c-sweep");
        for (int i = 0; i <= TranscriptRate.PRUNE_ABOVE; i++) {
            rate.acquire("d-" + i);
        }
        clock.advance(Duration.ofMillis(600));

        rate.acquire("d-quiet");
        assertThat(rate.size()).as("600 ms after the last sweep, none").isEqualTo(TranscriptRate.PRUNE_ABOVE + 3);

        clock.advance(Duration.ofMillis(500));
        rate.acquire("d-later");
        assertThat(rate.size()).isEqualTo(1);
    }
}
