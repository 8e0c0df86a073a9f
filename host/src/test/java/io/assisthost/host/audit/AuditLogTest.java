package io.assisthost.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.store.SqliteStore;
import io.assisthost.host.store.Store;
import io.assisthost.host.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T09:00:00Z"));
    private Store store;
    private AuditLog audit;

    @BeforeEach
    void setUp() {
        store = SqliteStore.open(vertx, dataDir).await();
        audit = new AuditLog(vertx, store, clock);
    }

    @AfterEach
    void tearDown() {
        store.close().await();
        vertx.close().await();
    }

    private JsonObject append(String kind, String conversationId, String action) {
        JsonObject entry = audit.append(new AuditRecord(kind, "system", conversationId, action, "kb-1",
                new JsonObject().put("count", 3))).await();
        clock.advance(Duration.ofMinutes(30));
        return entry;
    }

    /** Changes the database behind the host's back, as an intruder with file access would. */
    private void tamper(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void entriesAreChainedAndVerify() {
        JsonObject first = append("recommendation", "c-1", null);
        JsonObject second = append("trigger", "c-1", "refund-card");
        assertThat(first.getString("previousHash")).isEqualTo("0".repeat(64));
        assertThat(second.getString("previousHash")).isEqualTo(first.getString("hash"));
        assertThat(second.getLong("id")).isEqualTo(2);
        JsonObject verified = audit.verify().await();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getLong("entries")).isEqualTo(2);
        assertThat(verified.getValue("brokenAt")).isNull();
    }

    @Test
    void anAlteredRowIsNamed() throws SQLException {
        append("recommendation", "c-1", null);
        append("recommendation", "c-2", null);
        append("recommendation", "c-3", null);
        tamper("UPDATE audit_log SET details = '{\"count\":30}' WHERE id = 2");
        JsonObject verified = audit.verify().await();
        assertThat(verified.getBoolean("valid")).isFalse();
        assertThat(verified.getLong("brokenAt")).isEqualTo(2);
        assertThat(verified.getString("reason")).contains("content");
        assertThat(verified.getLong("entries")).isEqualTo(1);
    }

    @Test
    void aRemovedRowIsNamed() throws SQLException {
        append("recommendation", "c-1", null);
        append("recommendation", "c-2", null);
        append("recommendation", "c-3", null);
        tamper("DELETE FROM audit_log WHERE id = 2");
        JsonObject verified = audit.verify().await();
        assertThat(verified.getBoolean("valid")).isFalse();
        assertThat(verified.getLong("brokenAt")).isEqualTo(3);
        assertThat(verified.getString("reason")).isEqualTo("entry 2 is missing");
    }

    @Test
    void pruningKeepsTheRestVerifiableAndTheChainGoingOn() throws SQLException {
        append("recommendation", "c-1", null);
        append("recommendation", "c-2", null);
        JsonObject third = append("recommendation", "c-3", null);
        assertThat(audit.prune(Instant.parse("2026-02-01T09:45:00Z")).await()).isEqualTo(2);
        JsonObject afterPrune = audit.verify().await();
        assertThat(afterPrune.getBoolean("valid")).isTrue();
        assertThat(afterPrune.getLong("entries")).isEqualTo(1);
        assertThat(afterPrune.getLong("from")).isEqualTo(3);
        JsonObject fourth = append("config", null, "refund-card");
        assertThat(fourth.getLong("id")).isEqualTo(4);
        assertThat(fourth.getString("previousHash")).isEqualTo(third.getString("hash"));
        tamper("UPDATE audit_log SET actor = 'someone else' WHERE id = 3");
        assertThat(audit.verify().await().getLong("brokenAt")).isEqualTo(3);
    }

    @Test
    void queriesFilterAndPageNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            append(i % 2 == 0 ? "trigger" : "recommendation", "c-" + (i % 2), i % 2 == 0 ? "card" : null);
        }
        JsonObject page = audit.query(AuditQuery.of(MultiMap.caseInsensitiveMultiMap().add("limit", "2"))).await();
        JsonArray entries = page.getJsonArray("entries");
        assertThat(entries.stream().map(e -> ((JsonObject) e).getLong("id")).toList()).containsExactly(5L, 4L);
        assertThat(page.getString("next")).isEqualTo("4");
        JsonObject rest = audit.query(AuditQuery.of(MultiMap.caseInsensitiveMultiMap().add("cursor", "4").add("limit", "10")))
                .await();
        assertThat(rest.getJsonArray("entries")).hasSize(3);
        assertThat(rest.getValue("next")).isNull();
        JsonObject triggers = audit.query(AuditQuery.of(MultiMap.caseInsensitiveMultiMap().add("kind", "trigger")
                .add("interaction", "c-0").add("action", "card").add("from", "2026-02-01T09:30:00Z")
                .add("to", "2026-02-01T10:15:00Z"))).await();
        assertThat(triggers.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getLong("id")).toList())
                .containsExactly(2L);
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() {
        List<Future<JsonObject>> appends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            appends.add(audit.append(new AuditRecord("recommendation", "system", "c-" + i, null, null, new JsonObject())));
        }
        Future.all(appends).await();
        assertThat(appends.stream().map(f -> f.result().getLong("id")).distinct()).hasSize(200);
        JsonObject verified = audit.verify().await();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getLong("entries")).isEqualTo(200);
    }

    @Test
    void entriesSurviveAReopen() {
        append("recommendation", "c-1", null);
        store.close().await();
        store = SqliteStore.open(vertx, dataDir).await();
        audit = new AuditLog(vertx, store, clock);
        assertThat(append("recommendation", "c-2", null).getLong("id")).isEqualTo(2);
        assertThat(audit.verify().await().getBoolean("valid")).isTrue();
    }
}
