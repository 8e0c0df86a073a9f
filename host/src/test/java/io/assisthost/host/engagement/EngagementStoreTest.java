package io.assisthost.host.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.store.SqliteStore;
import io.assisthost.host.store.Store;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggers, events and aggregates against the real store, and their retention. */
class EngagementStoreTest {

    private static final Instant T0 = Instant.parse("2026-08-01T10:00:00Z");

    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dataDir;

    private Store store;
    private EngagementStore engagements;

    @BeforeEach
    void setUp() {
        store = SqliteStore.open(vertx, dataDir).await();
        engagements = new EngagementStore(vertx, store);
    }

    @AfterEach
    void tearDown() {
        store.close().await();
        vertx.close().await();
    }

    private EngagementStore.Outcome event(String type, String triggerId, Instant at) {
        return engagements.recordEvent(new EngagementStore.Event(type, triggerId, null, null, at)).await();
    }

    @Test
    void eventsCountOnceAndLatencyIsMeasuredFromTheTrigger() {
        engagements.recordTrigger(new TriggerRecord("t-1", "conv-1", "refunds", "1.0.0", "control", T0)).await();
        assertThat(event("rendered", "t-1", T0.plusMillis(420)).latencyMs()).isEqualTo(420);
        assertThat(event("rendered", "t-1", T0.plusMillis(900)).status()).isEqualTo(EngagementStore.Status.DUPLICATE);
        assertThat(event("accepted", "t-1", T0.plusSeconds(3)).status()).isEqualTo(EngagementStore.Status.RECORDED);
        assertThat(event("dismissed", "t-1", T0.plusSeconds(4)).status()).isEqualTo(EngagementStore.Status.CONTRADICTS);
        assertThat(event("rendered", "t-404", T0).status()).isEqualTo(EngagementStore.Status.UNKNOWN_TRIGGER);
        EngagementStore.Outcome latest = engagements.examine(new EngagementStore.Event("accepted", null, "conv-1",
                "refunds", T0)).await();
        assertThat(latest.trigger().id()).as("found by conversation and action").isEqualTo("t-1");

        EngagementStore.Aggregate row = engagements.aggregates("refunds").await().get(0);
        assertThat(List.of(row.triggered(), row.rendered(), row.accepted(), row.dismissed())).containsExactly(1L, 1L, 1L, 0L);
        assertThat(row.latencySumMs()).isEqualTo(420);
        assertThat(row.latencyMaxMs()).isEqualTo(420);
        assertThat(row.latencyBuckets()[LatencyBuckets.index(420)]).isEqualTo(1);
    }

    @Test
    void pruningRemovesOldCardsAndTheirEventsButKeepsTheFigures() {
        engagements.recordTrigger(new TriggerRecord("old", "conv-1", "refunds", "1.0.0", "control", T0)).await();
        engagements.recordTrigger(new TriggerRecord("new", "conv-2", "refunds", "1.0.0", "control",
                T0.plusSeconds(86_400 * 10))).await();
        event("rendered", "old", T0.plusSeconds(1));

        assertThat(engagements.prune(T0.plusSeconds(86_400)).await()).isEqualTo(1);
        assertThat(event("accepted", "old", T0.plusSeconds(2)).status()).isEqualTo(EngagementStore.Status.UNKNOWN_TRIGGER);
        assertThat(event("accepted", "new", T0.plusSeconds(86_400 * 10 + 5)).status())
                .isEqualTo(EngagementStore.Status.RECORDED);
        EngagementStore.Aggregate row = engagements.aggregates("refunds").await().get(0);
        assertThat(row.triggered()).isEqualTo(2);
        assertThat(row.rendered()).isEqualTo(1);
        int left = store.read(connection -> {
            try (var count = connection.prepareStatement("SELECT count(*) FROM engagement_event");
                 var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }).await();
        assertThat(left).as("the old card's event went with it").isEqualTo(1);
    }
}
