package io.assisthost.host.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FaultSwitchesTest {

    @Test
    void refusesHugeIntegersThatWrapIntoTheRange() {
        FaultSwitches faults = new FaultSwitches(target -> false);
        BigInteger wrapsToZero = BigInteger.ONE.shiftLeft(64);

        assertThatThrownBy(() -> faults.set(new JsonObject().put("target", "*").put("latencyMs", wrapsToZero)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> faults.set(new JsonObject().put("target", "*")
                .put("errorStatus", wrapsToZero.add(BigInteger.valueOf(503)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorStatus");
    }
}
