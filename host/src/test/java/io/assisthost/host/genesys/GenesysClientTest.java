package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mypurecloud.sdk.v2.model.DocumentQuery;
import com.mypurecloud.sdk.v2.model.DocumentQueryClause;
import com.mypurecloud.sdk.v2.model.DocumentQueryPredicate;
import com.mypurecloud.sdk.v2.model.KnowledgeBase;
import com.mypurecloud.sdk.v2.model.KnowledgeBaseListing;
import com.mypurecloud.sdk.v2.model.AddressableEntityRef;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentResponse;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchResult;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSuggestion;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSuggestionRequest;
import com.mypurecloud.sdk.v2.model.SearchUpdateRequest;
import com.mypurecloud.sdk.v2.model.SelectedAnswer;
import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The unmodified Genesys SDK, through the host's client, against the emulator: every knowledge operation. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GenesysClientTest {

    private static final InteractionContext CONTEXT = new InteractionContext("9b0e7c1e-3d55-4c7a-b7a1-1f2e3d4c5b6a",
            "Voice", null, "queue-1", null, null, "refund for a late delivery", 5, 0.0, null, null);

    private GenesysSandbox.Connected sandbox;
    private GenesysEmulator emulator;
    private GenesysRuntime genesys;

    @BeforeEach
    void setUp() {
        sandbox = GenesysSandbox.Connected.start(new JsonObject().put("requestTimeoutMs", 800));
        emulator = sandbox.emulator();
        genesys = sandbox.genesys();
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private KnowledgeDocumentSearch search(String query) {
        return genesys.client().search(GenesysSandbox.PRIMARY, KnowledgeRequests.search(query, CONTEXT, 5,
                KnowledgeDocumentSearchRequest.QueryTypeEnum.MANUALSEARCH), true).await();
    }

    private static GenesysFailure failure(Future<?> call) {
        Throwable thrown = catchThrowable(call::await);
        assertThat(thrown).isInstanceOf(GenesysFailure.class);
        return (GenesysFailure) thrown;
    }

    @Test
    void listsAndReadsKnowledgeBases() {
        KnowledgeBaseListing listing = genesys.client().knowledgeBases(25, null).await();
        assertThat(listing.getEntities()).extracting(KnowledgeBase::getName).containsExactly("Test Care", "Test Archive");
        KnowledgeBase primary = genesys.client().knowledgeBase(GenesysSandbox.PRIMARY).await();
        assertThat(primary.getArticleCount()).isEqualTo(6);
        assertThat(primary.getCoreLanguage()).hasToString("en-US");
        KnowledgeBaseListing firstPage = genesys.client().knowledgeBases(1, null).await();
        assertThat(firstPage.getEntities()).hasSize(1);
        assertThat(firstPage.getNextUri()).contains("after=" + GenesysSandbox.PRIMARY);
    }

    @Test
    void unknownKnowledgeBaseIsATyped404WithGenesysCodeAndCorrelationId() {
        GenesysFailure failure = failure(genesys.client().knowledgeBase("00000000-0000-0000-0000-000000000000"));
        assertThat(failure.kind()).isEqualTo(GenesysFailure.Kind.NOT_FOUND);
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.code()).isEqualTo("not.found");
        assertThat(failure.getMessage()).contains("not found");
        assertThat(failure.correlationId()).isNotBlank();
        assertThat(failure.isTransient()).isFalse();
    }

    @Test
    void searchRanksRelevantArticlesByConfidenceWithTheirText() {
        KnowledgeDocumentSearch search = search("refund for a late delivery");
        List<KnowledgeDocumentSearchResult> results = search.getResults();
        assertThat(results).isNotEmpty();
        assertThat(results.get(0).getDocument().getTitle()).isEqualTo("Refund a customer whose delivery arrived late");
        assertThat(results).extracting(KnowledgeDocumentSearchResult::getConfidence)
                .allMatch(c -> c > 0 && c <= 1).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(search.getSearchId()).isNotBlank();
        assertThat(search.getConversationContext().getConversation().getId()).isEqualTo(CONTEXT.conversationId());

        List<Candidate> candidates = new KnowledgeCandidates(List.of("knowledge_article", "procedure_guide", "faq"),
                "knowledge_article").from(GenesysSandbox.PRIMARY, search);
        Candidate top = candidates.get(0);
        assertThat(top.text()).startsWith("When a delivery arrives after the promised date").contains("\nCheck the tracking");
        assertThat(top.contentType()).isEqualTo("knowledge_article");
        assertThat(top.category()).isEqualTo("Delivery");
        assertThat(top.version()).isEqualTo("2");
        assertThat(top.confidence()).isEqualTo(results.get(0).getConfidence());
    }

    @Test
    void articleTextComesOnlyWithTheVariationsExpansion() {
        KnowledgeDocumentSearch plain = genesys.client().search(GenesysSandbox.PRIMARY, KnowledgeRequests.search(
                "reset password", CONTEXT, 5, KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH), false).await();
        assertThat(plain.getResults().get(0).getDocument().getVariations()).isNullOrEmpty();
        assertThat(search("reset password").getResults().get(0).getDocument().getVariations()).hasSize(1);
    }

    @Test
    void readsOneDocumentWithTheTextOfItsVariationAndTypesAnUnknownOneAs404() {
        KnowledgeDocumentSearchResult found = search("refund for a late delivery").getResults().get(0);
        KnowledgeDocumentResponse document = genesys.client()
                .documentWithText(GenesysSandbox.PRIMARY, found.getDocument().getId()).await();
        assertThat(document.getTitle()).isEqualTo(found.getDocument().getTitle());
        assertThat(document.getLastPublishedVersionNumber()).isEqualTo(found.getDocument().getLastPublishedVersionNumber());
        assertThat(KnowledgeCandidates.text(document)).isEqualTo(KnowledgeCandidates.text(found.getDocument()))
                .startsWith("When a delivery arrives after the promised date");
        // Not expanded: the category is a reference, as Genesys answers.
        assertThat(document.getCategory().getId()).isEqualTo(found.getDocument().getCategory().getId());
        assertThat(document.getCategory().getName()).isNull();

        GenesysFailure unknown = failure(genesys.client().documentWithText(GenesysSandbox.PRIMARY, "no-such-document"));
        assertThat(unknown.kind()).isEqualTo(GenesysFailure.Kind.NOT_FOUND);
        assertThat(unknown.getMessage()).contains("no-such-document");
    }

    @Test
    void searchHonoursFiltersAndPaging() {
        KnowledgeDocumentSearchRequest request = KnowledgeRequests.search("refund", CONTEXT, 1,
                KnowledgeDocumentSearchRequest.QueryTypeEnum.MANUALSEARCH)
                .filter(new DocumentQuery().operator(DocumentQuery.OperatorEnum.AND).clauses(List.of(
                        new DocumentQueryClause().operator(DocumentQueryClause.OperatorEnum.OR).predicates(List.of(
                                new DocumentQueryPredicate().fields(List.of(DocumentQueryPredicate.FieldsEnum.CATEGORYNAME))
                                        .values(List.of("Billing")).type(DocumentQueryPredicate.TypeEnum.EQUALS))))));
        KnowledgeDocumentSearch page = genesys.client().search(GenesysSandbox.PRIMARY, request, false).await();
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getPageCount()).isEqualTo(2);
        assertThat(page.getResults()).hasSize(1);
        assertThat(page.getResults().get(0).getDocument().getCategory().getName()).isEqualTo("Billing");
    }

    @Test
    void suggestionsCompleteAPartialQuery() {
        KnowledgeDocumentSuggestion suggestion = genesys.client().suggest(GenesysSandbox.PRIMARY,
                new KnowledgeDocumentSuggestionRequest().query("reset my").pageSize(5)).await();
        assertThat(suggestion.getResults()).singleElement().satisfies(result -> {
            assertThat(result.getMatchedPhrase()).isEqualTo("reset my password");
            assertThat(result.getDocument().getTitle()).isEqualTo("Reset a customer's password");
        });
    }

    @Test
    void reportsTheArticleTheAgentUsed() {
        KnowledgeDocumentSearch search = search("locked out of my account");
        String documentId = search.getResults().get(0).getDocument().getId();
        SearchUpdateRequest update = new SearchUpdateRequest().answered(true)
                .selectedAnswer(new SelectedAnswer().document(new AddressableEntityRef().id(documentId)));
        genesys.client().reportSelected(GenesysSandbox.PRIMARY, search.getSearchId(), update).await();
        assertThat(emulator.searchFeedback()).singleElement()
                .satisfies(feedback -> assertThat(feedback.getString("documentId")).isEqualTo(documentId));
        GenesysFailure unknown = failure(genesys.client().reportSelected(GenesysSandbox.PRIMARY,
                "00000000-0000-0000-0000-000000000001", update));
        assertThat(unknown.kind()).isEqualTo(GenesysFailure.Kind.NOT_FOUND);
    }

    @Test
    void badRequestsAreTypedAndNotTransient() {
        KnowledgeDocumentSearchRequest tooLarge = KnowledgeRequests.search("refund", CONTEXT, 5,
                KnowledgeDocumentSearchRequest.QueryTypeEnum.MANUALSEARCH).pageSize(500);
        GenesysFailure failure = failure(genesys.client().search(GenesysSandbox.PRIMARY, tooLarge, false));
        assertThat(failure.kind()).isEqualTo(GenesysFailure.Kind.BAD_REQUEST);
        assertThat(failure.getMessage()).contains("pageSize");
        assertThat(failure.isTransient()).isFalse();
    }

    @Test
    void rateLimitSurfacesRetryAfter() {
        emulator.faults().set(new JsonObject().put("target", GenesysSandbox.PRIMARY).put("rateLimitRetryAfterSeconds", 7));
        GenesysFailure failure = failure(genesys.client().knowledgeBase(GenesysSandbox.PRIMARY));
        assertThat(failure.kind()).isEqualTo(GenesysFailure.Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).hasSeconds(7);
        assertThat(failure.code()).isEqualTo("too.many.requests.retry.after");
        assertThat(failure.correlationId()).isNotBlank();
        assertThat(genesys.client().knowledgeBase(GenesysSandbox.FALLBACK).await().getName()).isEqualTo("Test Archive");
    }

    @Test
    void serverErrorsAndOutagesAreTransient() {
        emulator.faults().set(new JsonObject().put("target", "*").put("errorRate", 1.0).put("errorStatus", 502));
        GenesysFailure badGateway = failure(genesys.client().knowledgeBase(GenesysSandbox.PRIMARY));
        assertThat(badGateway.kind()).isEqualTo(GenesysFailure.Kind.SERVER_ERROR);
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.isTransient()).isTrue();

        emulator.faults().set(new JsonObject().put("target", "*").put("outage", true));
        GenesysFailure outage = failure(genesys.client().knowledgeBase(GenesysSandbox.PRIMARY));
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.retryAfter()).hasSeconds(30);
    }

    @Test
    void slowAnswersTimeOut() {
        emulator.faults().set(new JsonObject().put("target", GenesysSandbox.PRIMARY).put("latencyMs", 3_000));
        GenesysFailure failure = failure(genesys.client().knowledgeBase(GenesysSandbox.PRIMARY));
        assertThat(failure.kind()).isEqualTo(GenesysFailure.Kind.TIMEOUT);
        assertThat(failure.status()).isZero();
    }
}
