package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentResponse;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchResult;
import io.assisthost.api.InteractionContext;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Article texts fetched by document version from the emulator, through the unmodified SDK. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArticleTextsTest {

    private static final InteractionContext CONTEXT = new InteractionContext("conv-texts", "Voice", null, null, null,
            null, "refund for a late delivery", 5, 0.0, null, null);

    private GenesysSandbox.Connected sandbox;
    private Vertx vertx;
    private GenesysEmulator emulator;
    private GenesysRuntime genesys;

    @BeforeEach
    void setUp() {
        sandbox = GenesysSandbox.Connected.start(new JsonObject());
        vertx = sandbox.vertx();
        emulator = sandbox.emulator();
        genesys = sandbox.genesys();
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private KnowledgeDocumentSearch search(boolean withText) {
        return genesys.client().search(GenesysSandbox.PRIMARY, KnowledgeRequests.search(CONTEXT.query(), CONTEXT, 5,
                KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH), withText).await();
    }

    private static List<KnowledgeDocumentResponse> documents(KnowledgeDocumentSearch search) {
        return search.getResults().stream().map(KnowledgeDocumentSearchResult::getDocument).toList();
    }

    /** Genesys requests the emulator answered while the texts were read. */
    private long requestsFor(Supplier<Future<Function<KnowledgeDocumentResponse, String>>> texts) {
        long before = emulator.stats().requests();
        texts.get().await();
        return emulator.stats().requests() - before;
    }

    private static <T> T read(List<T> into, T value) {
        into.add(value);
        return value;
    }

    @Test
    void areTheTextsASearchWithVariationsCarriesFetchedOncePerDocumentVersion() {
        ArticleTexts texts = new ArticleTexts(vertx, genesys.client(), 100);
        KnowledgeDocumentSearch plain = search(false);
        List<KnowledgeDocumentResponse> expanded = documents(search(true));
        assertThat(documents(plain)).hasSizeGreaterThan(1).allMatch(document -> document.getVariations() == null || document.getVariations().isEmpty());

        List<Future<Function<KnowledgeDocumentResponse, String>>> read = new ArrayList<>();
        assertThat(requestsFor(() -> read(read, texts.of(GenesysSandbox.PRIMARY, plain)))).isEqualTo(expanded.size());
        Future<Function<KnowledgeDocumentResponse, String>> first = read.get(0);
        for (int i = 0; i < expanded.size(); i++) {
            assertThat(first.result().apply(documents(plain).get(i))).isNotEmpty()
                    .isEqualTo(KnowledgeCandidates.text(expanded.get(i)));
        }
        KnowledgeDocumentSearch again = search(false);
        assertThat(requestsFor(() -> texts.of(GenesysSandbox.PRIMARY, again))).isZero();
        assertThat(texts.size()).isEqualTo(expanded.size());
    }

    @Test
    void fetchesADocumentAgainForANewVersionAndEveryTimeWithoutOne() {
        ArticleTexts texts = new ArticleTexts(vertx, genesys.client(), 100);
        KnowledgeDocumentSearch search = search(false);
        texts.of(GenesysSandbox.PRIMARY, search).await();
        KnowledgeDocumentResponse top = documents(search).get(0);

        top.setLastPublishedVersionNumber(top.getLastPublishedVersionNumber() + 1);
        assertThat(requestsFor(() -> texts.of(GenesysSandbox.PRIMARY, search))).isEqualTo(1);
        assertThat(requestsFor(() -> texts.of(GenesysSandbox.PRIMARY, search))).isZero();

        top.setLastPublishedVersionNumber(null);
        top.setDocumentVersion(null);
        assertThat(requestsFor(() -> texts.of(GenesysSandbox.PRIMARY, search))).isEqualTo(1);
        assertThat(requestsFor(() -> texts.of(GenesysSandbox.PRIMARY, search))).isEqualTo(1);
    }

    @Test
    void searchesAtTheSameTimeShareOneFetchPerDocument() {
        ArticleTexts texts = new ArticleTexts(vertx, genesys.client(), 100);
        KnowledgeDocumentSearch search = search(false);
        long before = emulator.stats().requests();
        List<Future<Function<KnowledgeDocumentResponse, String>>> together = List.of(
                texts.of(GenesysSandbox.PRIMARY, search), texts.of(GenesysSandbox.PRIMARY, search),
                texts.of(GenesysSandbox.PRIMARY, search));
        Future.all(together).await();
        assertThat(emulator.stats().requests() - before).isEqualTo(documents(search).size());
        KnowledgeDocumentResponse top = documents(search).get(0);
        assertThat(together).allMatch(texts1 -> texts1.result().apply(top).startsWith("When a delivery arrives"));
    }

    @Test
    void aTextThatCannotBeFetchedIsEmptyForThatSearchAndAskedForAgain() throws Exception {
        ArticleTexts texts = new ArticleTexts(vertx, genesys.client(), 100);
        KnowledgeDocumentSearch found = search(false);
        // A result whose document was deleted since: the same search with that document's id changed.
        ObjectMapper json = genesys.client().objectMapper();
        KnowledgeDocumentSearch search = json.readValue(json.writeValueAsString(found)
                .replace(documents(found).get(0).getId(), "deleted-since-the-search"), KnowledgeDocumentSearch.class);
        KnowledgeDocumentResponse gone = documents(search).get(0);
        assertThat(gone.getId()).isEqualTo("deleted-since-the-search");

        List<Future<Function<KnowledgeDocumentResponse, String>>> read = new ArrayList<>();
        assertThat(requestsFor(() -> read(read, texts.of(GenesysSandbox.PRIMARY, search))))
                .isEqualTo(documents(search).size());
        Future<Function<KnowledgeDocumentResponse, String>> first = read.get(0);
        assertThat(first.result().apply(gone)).isEmpty();
        assertThat(first.result().apply(documents(search).get(1))).isNotEmpty();
        assertThat(requestsFor(() -> texts.of(GenesysSandbox.PRIMARY, search))).isEqualTo(1);
    }

    @Test
    void keepsTheMostRecentlyUsedTextsUpToItsCapacity() {
        ArticleTexts texts = new ArticleTexts(vertx, genesys.client(), 2);
        KnowledgeDocumentSearch search = search(false);
        assertThat(documents(search)).hasSizeGreaterThan(2);
        texts.of(GenesysSandbox.PRIMARY, search).await();
        assertThat(texts.size()).isEqualTo(2);
        assertThat(texts.of(GenesysSandbox.PRIMARY, null).await().apply(documents(search).get(0))).isEmpty();
    }
}
