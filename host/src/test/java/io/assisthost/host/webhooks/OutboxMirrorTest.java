package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxMirrorTest {

    private final Vertx vertx = Vertx.vertx();
    private final OutboxMirror mirror = new OutboxMirror(vertx, Duration.ofDays(7));
    private final Sink sink = new Sink("wh_1", "http", "https://crm.example.com/hook", "whsec_c2VjcmV0", null, null,
            List.of("*"), "crm", Sink.ORIGIN_API, true, null, Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-02T00:00:00Z"));

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private OutboxMirror.Entry entry(String owner, String eventId) {
        return OutboxMirror.entry(owner, new Outbox.Stored(eventId, 1, "{\"id\":\"" + eventId + "\"}", 1_000L,
                List.of(sink.id())), "agentassist.action.triggered", "conv-1", sink);
    }

    @Test
    void takesOverOnlyTheEntriesOfNodesThatAreGone() {
        mirror.put(List.of(entry("gone", "msg_1"), entry("alive", "msg_2"), entry("gone", "msg_3"))).await();

        List<OutboxMirror.Entry> claimed = mirror.claim(Set.of("alive", "me"), "me", true).await();

        assertThat(claimed).extracting(OutboxMirror.Entry::key).containsExactlyInAnyOrder("msg_1/wh_1", "msg_3/wh_1");
        assertThat(claimed).allSatisfy(entry -> {
            assertThat(entry.owner()).isEqualTo("me");
            assertThat(entry.from()).isEqualTo("gone");
        });
        assertThat(mirror.get("msg_1/wh_1").await().owner()).isEqualTo("me");
        assertThat(mirror.get("msg_2/wh_1").await().owner()).isEqualTo("alive");
    }

    @Test
    void whatANodeTookOverItClaimsAgainUntilItIsSettledSoThatAFailedAdoptionIsRetried() {
        mirror.put(List.of(entry("gone", "msg_1"), entry("me", "msg_2"))).await();
        assertThat(mirror.claim(Set.of("me"), "me", true).await()).extracting(OutboxMirror.Entry::key)
                .containsExactly("msg_1/wh_1");

        // Another member is first now: it takes over what departs; this one only answers what it took over.
        mirror.put(List.of(entry("left", "msg_3"))).await();
        assertThat(mirror.claim(Set.of("me", "first"), "me", false).await()).as("not settled yet: answered again")
                .extracting(OutboxMirror.Entry::key, OutboxMirror.Entry::from).containsExactly(tuple("msg_1/wh_1", "gone"));
        mirror.settled("msg_1/wh_1", "delivered", "me").await();
        assertThat(mirror.claim(Set.of("me", "first"), "me", false).await()).isEmpty();
    }

    @Test
    void aDeletedSinksDeliveriesLeaveTheMirrorWhoeverHoldsThem() {
        Sink other = new Sink("wh_2", "http", "https://crm.example.com/other", "whsec_c2VjcmV0", null, null,
                List.of("*"), "other", Sink.ORIGIN_API, true, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"));
        mirror.put(List.of(entry("me", "msg_1"), entry("gone", "msg_2"), entry("me", "msg_3").ownedBy("me"),
                OutboxMirror.entry("me", new Outbox.Stored("msg_4", 4, "{}", 1_000L, List.of("wh_2")),
                        "agentassist.action.triggered", "conv-1", other))).await();
        assertThat(mirror.ownedBy("me").await()).as("its own, not those it took over").isEqualTo(2);

        mirror.removeSink("wh_1").await();

        assertThat(mirror.get("msg_4/wh_2").await()).isNotNull();
        for (String key : List.of("msg_1/wh_1", "msg_2/wh_1", "msg_3/wh_1")) {
            assertThat(mirror.get(key).await()).as(key).isNull();
        }
        assertThat(mirror.ownedBy("me").await()).isEqualTo(1);
    }

    @Test
    void twoNodesClaimingAtOnceTakeEachEntryOnce() {
        List<OutboxMirror.Entry> entries = IntStream.range(0, 200).mapToObj(i -> entry("gone", "msg_" + i)).toList();
        mirror.put(entries).await();

        List<Future<List<OutboxMirror.Entry>>> claims = new ArrayList<>();
        claims.add(mirror.claim(Set.of("a", "b"), "a", true));
        claims.add(mirror.claim(Set.of("a", "b"), "b", true));
        Future.all(claims).await();

        List<String> taken = new ArrayList<>();
        claims.forEach(claim -> claim.result().forEach(entry -> taken.add(entry.key())));
        assertThat(taken).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void keepsTheSinkWithItsSecretsAndTheEventAsSigned() {
        mirror.put(List.of(entry("gone", "msg_1"))).await();

        OutboxMirror.Entry entry = mirror.claim(Set.of("me"), "me", true).await().get(0);

        Sink carried = entry.sink();
        assertThat(carried.id()).isEqualTo("wh_1");
        assertThat(carried.url()).isEqualTo(sink.url());
        assertThat(carried.secret()).isEqualTo(sink.secret());
        assertThat(carried.origin()).isEqualTo(Sink.ORIGIN_HANDOVER);
        assertThat(entry.event().getString("payload")).isEqualTo("{\"id\":\"msg_1\"}");
        assertThat(entry.event().getLong("createdAt")).isEqualTo(1_000L);
    }

    @Test
    void aSettledDeliveryLeavesTheMirrorAndItsOutcomeStays() {
        mirror.put(List.of(entry("me", "msg_1"))).await();

        mirror.settled("msg_1/wh_1", DeliveryStore.DELIVERED, "me").await();

        assertThat(mirror.get("msg_1/wh_1").await()).isNull();
        assertThat(mirror.outcome("msg_1/wh_1").await().getString("state")).isEqualTo("delivered");
        assertThat(mirror.outcome("msg_1/wh_1").await().getString("by")).isEqualTo("me");
        assertThat(mirror.remove("msg_1/wh_1").await()).isFalse();
    }
}
