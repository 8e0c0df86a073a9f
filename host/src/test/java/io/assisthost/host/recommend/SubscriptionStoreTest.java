package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lease rules: one holder at a time, renewal by the holder only, takeover only after a lapse. */
class SubscriptionStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Vertx vertx = Vertx.vertx();
    private final SubscriptionStore store = new SubscriptionStore(vertx.sharedData());

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void aLeaseHasOneHolderUntilItLapses() {
        String heldByA = store.acquire("conv", "node-a", T0, LEASE).await();
        assertThat(SubscriptionStore.owner(heldByA)).isEqualTo("node-a");
        assertThat(SubscriptionStore.expiry(heldByA)).isEqualTo(T0.plus(LEASE));
        assertThat(store.acquire("conv", "node-b", T0.plusSeconds(4), LEASE).await()).as("still valid").isNull();

        String renewed = store.renew("conv", heldByA, "node-a", T0.plusSeconds(4), LEASE).await();
        assertThat(SubscriptionStore.expiry(renewed)).isEqualTo(T0.plusSeconds(9));
        assertThat(store.acquire("conv", "node-b", T0.plusSeconds(8), LEASE).await()).as("renewed lease").isNull();

        String heldByB = store.acquire("conv", "node-b", T0.plusSeconds(10), LEASE).await();
        assertThat(SubscriptionStore.owner(heldByB)).as("taken over after the lapse").isEqualTo("node-b");
        assertThat(store.renew("conv", renewed, "node-a", T0.plusSeconds(10), LEASE).await())
                .as("the old holder cannot renew").isNull();
        assertThat(SubscriptionStore.owner(store.lease("conv").await())).isEqualTo("node-b");

        store.release("conv", renewed).await();
        assertThat(store.lease("conv").await()).as("a stale release changes nothing").isEqualTo(heldByB);
        store.release("conv", heldByB).await();
        assertThat(store.lease("conv").await()).isNull();
    }
}
