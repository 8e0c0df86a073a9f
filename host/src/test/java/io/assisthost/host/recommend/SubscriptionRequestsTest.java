package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.host.HostFailure;
import io.assisthost.host.config.HostConfig;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionRequestsTest {

    @Test
    void refusesAPollIntervalThatWrapsIntoTheRange() {
        SubscriptionRequests requests = new SubscriptionRequests(new RecommendRequests(10, "kb-1", null),
                HostConfig.of(new JsonObject(), Path.of(".")).recommend());
        JsonObject body = new JsonObject().put("pollIntervalMs", BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(5_000)));

        assertThatThrownBy(() -> requests.definition("c-1", body, Instant.EPOCH))
                .isInstanceOf(HostFailure.class).hasMessageContaining("pollIntervalMs");
    }
}
