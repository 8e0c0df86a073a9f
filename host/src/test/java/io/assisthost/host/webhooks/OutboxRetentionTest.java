package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.store.SqliteStore;
import io.assisthost.host.store.Store;
import io.assisthost.host.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox against the real store: fan-out to subscribed sinks, retention that spares pending events,
 * and settlements that a replay overtook.
 */
class OutboxRetentionTest {

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T09:00:00Z"));

    @TempDir
    Path dataDir;

    private Store store;
    private Outbox outbox;
    private DeliveryStore deliveries;

    @BeforeEach
    void setUp() {
        store = SqliteStore.open(vertx, dataDir).await();
        store.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_sink (id, type, url, secret, "
                    + "event_types, description, origin, enabled, created_at, updated_at) VALUES (?, 'http', "
                    + "'https://hooks.example.com', 'whsec_x', ?, '', 'api', ?, '', '')")) {
                for (Object[] sink : List.of(new Object[] {"all", "[\"*\"]", 1},
                        new Object[] {"accepted-only", "[\"agentassist.action.accepted\"]", 1},
                        new Object[] {"disabled", "[\"*\"]", 0})) {
                    insert.setString(1, (String) sink[0]);
                    insert.setString(2, (String) sink[1]);
                    insert.setInt(3, (Integer) sink[2]);
                    insert.executeUpdate();
                }
            }
            return null;
        }).await();
        outbox = new Outbox(vertx, store, clock);
        deliveries = new DeliveryStore(vertx, store);
    }

    @AfterEach
    void tearDown() {
        store.close().await();
        vertx.close().await();
    }

    private List<String> rows(String sql) {
        return store.read(connection -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1));
                }
            }
            return rows;
        }).await();
    }

    @Test
    void routesEachEventToTheEnabledSinksThatSubscribeToItsType() {
        Outbox.Stored triggered = outbox.publish(new WebhookEvent(EventTypes.ACTION_TRIGGERED, "c-1", new JsonObject())).await();
        Outbox.Stored accepted = outbox.publish(new WebhookEvent(EventTypes.ACTION_ACCEPTED, "c-1", new JsonObject())).await();
        assertThat(rows("SELECT sink_id || ':' || event_seq FROM delivery ORDER BY sink_id, event_seq")).containsExactly(
                "accepted-only:" + accepted.seq(), "all:" + triggered.seq(), "all:" + accepted.seq());
        JsonObject payload = new JsonObject(triggered.payload());
        assertThat(payload.getString("type")).isEqualTo(EventTypes.ACTION_TRIGGERED);
        assertThat(payload.getString("id")).isEqualTo(triggered.id());
        assertThat(payload.getString("conversationId")).isEqualTo("c-1");
        assertThat(payload.getString("timestamp")).isEqualTo(clock.instant().toString());
    }

    @Test
    void pruningRemovesOldSettledEventsAndKeepsPendingOnes() {
        Outbox.Stored settled = outbox.publish(new WebhookEvent(EventTypes.ACTION_ACCEPTED, "c-1", new JsonObject())).await();
        Outbox.Stored pending = outbox.publish(new WebhookEvent(EventTypes.ACTION_TRIGGERED, "c-2", new JsonObject())).await();
        for (String sink : List.of("all", "accepted-only")) {
            deliveries.record(new DeliveryStore.Settlement(sink, settled.seq(), DeliveryStore.DELIVERED, 1, clock.millis(),
                    200, "", new DeliveryStore.Attempt(1, clock.millis(), 200, "DELIVERED", 3, ""))).await();
        }
        clock.advance(Duration.ofDays(8));
        Outbox.Stored recent = outbox.publish(new WebhookEvent(EventTypes.ACTION_ACCEPTED, "c-3", new JsonObject())).await();

        assertThat(deliveries.prune(clock.instant().minus(Duration.ofDays(7)).toEpochMilli()).await()).isEqualTo(1);
        assertThat(rows("SELECT id FROM outbox_event ORDER BY seq")).containsExactly(pending.id(), recent.id());
        assertThat(rows("SELECT COUNT(*) FROM delivery WHERE event_seq = " + settled.seq())).containsExactly("0");
        assertThat(rows("SELECT COUNT(*) FROM delivery_attempt")).containsExactly("0");
    }

    @Test
    void aSettlementDoesNotUndoAReplayMadeWhileItsAttemptWasUnderWay() {
        Outbox.Stored event = outbox.publish(new WebhookEvent(EventTypes.ACTION_TRIGGERED, "c-1", new JsonObject()))
                .await();
        long now = clock.millis();
        assertThat(deliveries.record(failed(event, DeliveryStore.PENDING, 1, now)).await()).isTrue();

        // The second attempt is under way (it found one attempt made) when the range is replayed.
        Sink all = new Sink("all", "http", "https://hooks.example.com", "whsec_x", null, null, List.of("*"), "",
                Sink.ORIGIN_API, true, null, clock.instant(), clock.instant());
        List<DeliveryStore.Replay> replays = deliveries.events(all, now - 1, now + 1).await();
        assertThat(deliveries.replay("all", replays, false, now).await()).isEqualTo(1);
        assertThat(deliveries.record(failed(event, DeliveryStore.DEAD, 2, now)).await()).as("overtaken").isFalse();

        assertThat(rows("SELECT state || ':' || attempts FROM delivery WHERE sink_id = 'all'"))
                .containsExactly("pending:0");
        assertThat(rows("SELECT attempt FROM delivery_attempt WHERE sink_id = 'all' ORDER BY attempt"))
                .as("both attempts are in the log").containsExactly("1", "2");
    }

    private static DeliveryStore.Settlement failed(Outbox.Stored event, String state, int attempt, long at) {
        return new DeliveryStore.Settlement("all", event.seq(), state, attempt, at, 503, "503 Service Unavailable",
                new DeliveryStore.Attempt(attempt, at, 503, "RETRY", 5, "503 Service Unavailable"));
    }
}
