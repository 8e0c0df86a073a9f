package io.assisthost.host.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PauseSplitTest {

    @TempDir
    Path dir;

    @Test
    void pausesAreReadOnTheMonotonicClockAndEndWhenTheirLineIsWritten() throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, String.join("\n",
                "[0.010s][1000000000ns] Using G1",
                "[3.210s][5000000000ns] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 94M->12M(512M) 3.456ms",
                "[4.100s][6000000000ns] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 95M->13M(512M) 10.000ms", ""));
        List<GcLog.Pause> pauses = new GcLog(log).pauses(0);
        assertThat(pauses).containsExactly(new GcLog.Pause(5_000_000_000L - 3_456_000, 5_000_000_000L, 12, 512),
                new GcLog.Pause(5_990_000_000L, 6_000_000_000L, 13, 512));
        assertThat(new GcLog(log).pauses(2)).hasSize(1);
        assertThat(GcLog.summary(pauses)).isEqualTo("2 pauses, 13.5 ms in total, longest 10.00 ms; heap after GC at most"
                + " 13 MB of 512 MB committed");
    }

    @Test
    void aRequestIsHeldUpByAPauseThatFallsWithinItsSpan() {
        long[] starts = {100, 300};
        long[] ends = {120, 310};
        assertThat(PauseSplit.overlaps(starts, ends, 50, 99)).as("ends before the first").isFalse();
        assertThat(PauseSplit.overlaps(starts, ends, 50, 100)).as("answered as it starts").isTrue();
        assertThat(PauseSplit.overlaps(starts, ends, 105, 110)).as("inside one").isTrue();
        assertThat(PauseSplit.overlaps(starts, ends, 120, 200)).as("due as it ends").isTrue();
        assertThat(PauseSplit.overlaps(starts, ends, 121, 299)).as("between two").isFalse();
        assertThat(PauseSplit.overlaps(starts, ends, 90, 400)).as("spanning both").isTrue();
        assertThat(PauseSplit.overlaps(starts, ends, 311, 500)).as("after the last").isFalse();
        assertThat(PauseSplit.overlaps(new long[0], new long[0], 1, 2)).isFalse();
    }

    @Test
    void splitsTheLatenciesByWhetherAPauseFellWhileInFlight() {
        PauseSplit split = new PauseSplit();
        split.add(0, 50, 1_000);
        split.add(90, 200, 9_000);
        split.add(300, 400, 2_000);
        String summary = split.byPauses(List.of(new GcLog.Pause(100, 110, 0, 0)));
        assertThat(summary).contains("2 of 3 (66.7 %): p50    1.00").contains("max     2.00 ms")
                .contains("the other 1: p50    9.00");
        assertThat(split.all().count()).isEqualTo(3);
        assertThat(split.all().percentile(1.0)).isEqualTo(9_000);
    }
}
