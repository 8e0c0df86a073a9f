package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchResult;
import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.host.sandbox.EmulatorSettings;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a new sandbox user gets: the shipped knowledge, searched through the SDK. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShippedSeedSearchTest {

    private static final Path CONF = Path.of(System.getProperty("assist.conf.dir", "../conf"));

    @Test
    void aLateDeliveryRefundSearchReturnsRelevantArticlesRankedByConfidence() {
        Vertx vertx = BlockedEventLoopGuard.strictVertx();
        try {
            EmulatorSettings settings = new EmulatorSettings(0, "sandbox", "sandbox-secret", Duration.ofHours(1),
                    CONF.resolve("sandbox/knowledge.json"), CONF.resolve("sandbox/conversations.json"), false,
                    Duration.ofMinutes(1), Duration.ofSeconds(1));
            GenesysEmulator emulator = GenesysSandbox.deploy(vertx, settings);
            GenesysRuntime genesys = GenesysSandbox.connect(vertx, emulator, GenesysSandbox.options(new JsonObject()),
                    "sandbox", "sandbox-secret", event -> { }).await();
            String primary = emulator.seed().withRole("primary").id();
            InteractionContext context = new InteractionContext("c0ffee00-0000-4000-8000-000000000001", "Voice", null,
                    null, null, null, "refund for a late delivery", 5, 0.0, null, null);

            KnowledgeDocumentSearch search = genesys.client().search(primary, KnowledgeRequests.search(context.query(),
                    context, 5, KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH), true).await();

            List<KnowledgeDocumentSearchResult> results = search.getResults();
            assertThat(results).hasSize(5);
            assertThat(results).extracting(KnowledgeDocumentSearchResult::getConfidence)
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a));
            List<Candidate> candidates = new KnowledgeCandidates(List.of("knowledge_article", "procedure_guide", "faq"),
                    "knowledge_article").from(primary, search);
            assertThat(candidates.subList(0, 3)).allSatisfy(candidate -> {
                String text = (candidate.title() + " " + candidate.text()).toLowerCase(Locale.ROOT);
                assertThat(text).contains("refund").contains("late");
                assertThat(candidate.text()).isNotBlank();
            });
            genesys.close().await();
        } finally {
            vertx.close().await();
        }
    }
}
