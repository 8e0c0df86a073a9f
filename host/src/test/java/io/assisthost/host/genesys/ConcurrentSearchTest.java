package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import io.assisthost.api.InteractionContext;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector is not the SDK default's 2 per host: 200 searches are in flight at the emulator at once. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentSearchTest {

    @Test
    void twoHundredSearchesAreInFlightAtOnceWithoutBlockingAnEventLoop() {
        try (GenesysSandbox.Connected sandbox = GenesysSandbox.Connected.start(new JsonObject())) {
            GenesysEmulator emulator = sandbox.emulator();
            GenesysRuntime genesys = sandbox.genesys();
            emulator.faults().set(new JsonObject().put("target", GenesysSandbox.PRIMARY).put("latencyMs", 1_500));
            emulator.stats().resetPeak();

            List<Future<KnowledgeDocumentSearch>> searches = IntStream.range(0, 200).mapToObj(i -> {
                InteractionContext context = new InteractionContext("conversation-" + i, "Voice", null, null, null, null,
                        "refund", 5, 0, null, null);
                return genesys.client().search(GenesysSandbox.PRIMARY, KnowledgeRequests.search("refund late delivery",
                        context, 5, KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH), true);
            }).toList();
            Future.all(searches).await();

            assertThat(searches).allSatisfy(search -> assertThat(search.result().getResults()).isNotEmpty());
            assertThat(emulator.stats().peakInFlight()).as("searches in flight at the emulator at once").isGreaterThanOrEqualTo(200);
        }
    }
}
