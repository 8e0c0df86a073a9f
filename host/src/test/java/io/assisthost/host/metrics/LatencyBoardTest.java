package io.assisthost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.assisthost.host.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyBoardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final LatencyBoard board = new LatencyBoard(clock);

    private JsonObject only(String window) {
        return board.snapshot().getJsonArray("stages").getJsonObject(0).getJsonObject(window);
    }

    @Test
    void windowsHoldCountsRatesErrorsAndPercentilesWithinABucket() {
        for (int i = 0; i < 90; i++) {
            board.record(LatencyBoard.GENESYS, "kb-primary", TimeUnit.MILLISECONDS.toNanos(2), true);
        }
        for (int i = 0; i < 10; i++) {
            board.record(LatencyBoard.GENESYS, "kb-primary", TimeUnit.MILLISECONDS.toNanos(200), i >= 5);
        }
        assertThat(board.snapshot().getJsonArray("stages")).as("the second still filling is not shown").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        JsonObject stage = board.snapshot().getJsonArray("stages").getJsonObject(0);
        assertThat(stage.getString("stage")).isEqualTo("genesys");
        assertThat(stage.getString("name")).isEqualTo("kb-primary");
        JsonObject tenSeconds = stage.getJsonObject("10s");
        assertThat(tenSeconds.getLong("count")).isEqualTo(100);
        assertThat(tenSeconds.getDouble("perSecond")).isEqualTo(10.0);
        assertThat(tenSeconds.getDouble("errorPercent")).isEqualTo(5.0);
        assertThat(tenSeconds.getDouble("p50Ms")).isBetween(2.0, 2.5);
        assertThat(tenSeconds.getDouble("p95Ms")).isBetween(200.0 * 0.8, 200.0);
        assertThat(tenSeconds.getDouble("p99Ms")).isCloseTo(200.0, within(0.001));
        assertThat(tenSeconds.getDouble("maxMs")).isEqualTo(200.0);
        assertThat(stage.getJsonObject("60s").getDouble("perSecond")).isCloseTo(100 / 60.0, within(1e-9));
    }

    @Test
    void oldSecondsLeaveTheWindowsAndIdleStagesTheBoard() {
        board.record(LatencyBoard.WEBHOOK, "coaching", TimeUnit.MILLISECONDS.toNanos(40), true);
        clock.advance(Duration.ofSeconds(11));
        board.record(LatencyBoard.WEBHOOK, "coaching", TimeUnit.MILLISECONDS.toNanos(80), true);
        clock.advance(Duration.ofSeconds(1));
        assertThat(only("10s").getLong("count")).isEqualTo(1);
        assertThat(only("10s").getDouble("maxMs")).isEqualTo(80.0);
        assertThat(only("60s").getLong("count")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(59));
        assertThat(only("10s").getLong("count")).isZero();
        assertThat(only("10s").getValue("p50Ms")).isNull();
        assertThat(only("60s").getLong("count")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(board.snapshot().getJsonArray("stages")).isEmpty();
    }

    @Test
    void callsAnOpenBreakerRefusedAreErrorsWithoutALatency() {
        board.record(LatencyBoard.GENESYS, "kb", TimeUnit.MILLISECONDS.toNanos(300), true);
        for (int i = 0; i < 9; i++) {
            board.refuse(LatencyBoard.GENESYS, "kb");
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(only("10s").getLong("count")).isEqualTo(10);
        assertThat(only("10s").getDouble("errorPercent")).isEqualTo(90.0);
        assertThat(only("10s").getDouble("p50Ms")).as("refusals do not pull the percentiles down").isEqualTo(300.0);
    }

    @Test
    void aSlotIsReusedAfterTheRingWrapsAround() {
        board.record(LatencyBoard.PIPELINE, "pipeline", TimeUnit.MILLISECONDS.toNanos(5), true);
        clock.advance(Duration.ofSeconds(61));
        board.record(LatencyBoard.PIPELINE, "pipeline", TimeUnit.MILLISECONDS.toNanos(7), false);
        clock.advance(Duration.ofSeconds(1));
        assertThat(only("60s").getLong("count")).isEqualTo(1);
        assertThat(only("60s").getDouble("errorPercent")).isEqualTo(100.0);
        assertThat(StageWindow.bucket(1)).isZero();
        assertThat(StageWindow.upperBoundMicros(StageWindow.bucket(2_000))).isBetween(2_000.0, 2_500.0);
    }
}
