package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkRequestsTest {

    @Test
    void refusesAnOverlongUrl() {
        SinkRequests requests = new SinkRequests(new OutboundPolicy(List.of()));
        JsonObject body = new JsonObject().put("url", "https://hooks.example.com/" + "a".repeat(2_000));

        assertThatThrownBy(() -> requests.parse(body, true)).isInstanceOf(HostFailure.class).hasMessageContaining("url");
    }
}
