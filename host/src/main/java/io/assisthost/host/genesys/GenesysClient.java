package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.AsyncApiCallback;
import com.mypurecloud.sdk.v2.api.KnowledgeApiAsync;
import com.mypurecloud.sdk.v2.api.NotificationsApiAsync;
import com.mypurecloud.sdk.v2.api.request.GetKnowledgeKnowledgebaseDocumentRequest;
import com.mypurecloud.sdk.v2.api.request.GetKnowledgeKnowledgebaseRequest;
import com.mypurecloud.sdk.v2.api.request.GetKnowledgeKnowledgebasesRequest;
import com.mypurecloud.sdk.v2.api.request.PatchKnowledgeKnowledgebaseDocumentsSearchSearchIdRequest;
import com.mypurecloud.sdk.v2.api.request.PostKnowledgeKnowledgebaseDocumentsSearchRequest;
import com.mypurecloud.sdk.v2.api.request.PostKnowledgeKnowledgebaseDocumentsSearchSuggestionsRequest;
import com.mypurecloud.sdk.v2.api.request.PostNotificationsChannelSubscriptionsRequest;
import com.mypurecloud.sdk.v2.api.request.PostNotificationsChannelsRequest;
import com.mypurecloud.sdk.v2.api.request.PutNotificationsChannelSubscriptionsRequest;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperty;
import com.mypurecloud.sdk.v2.connector.okhttp.OkHttpClientConnector;
import com.mypurecloud.sdk.v2.model.Channel;
import com.mypurecloud.sdk.v2.model.ChannelTopic;
import com.mypurecloud.sdk.v2.model.ChannelTopicEntityListing;
import com.mypurecloud.sdk.v2.model.KnowledgeBase;
import com.mypurecloud.sdk.v2.model.KnowledgeBaseListing;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentResponse;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSuggestion;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSuggestionRequest;
import com.mypurecloud.sdk.v2.model.SearchUpdateRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The host's one door to Genesys Cloud for an org: the SDK's {@code ApiClient}, built with the token
 * from {@link TokenProvider}, {@code withShouldRefreshAccessToken(false)}, SDK retries off (circuit
 * breakers are the only retry layer), and an OkHttp connector whose dispatcher admits
 * {@code genesys.maxConcurrentRequests} calls at once (the SDK's default Apache connector admits 2 per
 * host). Every call runs through the SDK's asynchronous API, is bounded by the request timeout, is
 * retried once after a 401 with a renewed token, and fails with a {@link GenesysFailure}.
 */
public final class GenesysClient implements AutoCloseable {

    private final Vertx vertx;
    private final TokenProvider tokens;
    private final Duration requestTimeout;
    private final ThreadPoolExecutor callThreads;
    private final OkHttpClient http;
    private final ApiClient apiClient;
    private final KnowledgeApiAsync knowledge;
    private final NotificationsApiAsync notifications;

    /**
     * @param apiBase the API base URL, for example {@code https://api.mypurecloud.de}
     * @param token   the first token, from {@link TokenProvider#start()}
     */
    public GenesysClient(Vertx vertx, TokenProvider tokens, String apiBase, String token, int maxConcurrentRequests,
                         Duration connectTimeout, Duration requestTimeout, String userAgent) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.requestTimeout = requestTimeout;
        this.callThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                namedThreads());
        Dispatcher dispatcher = new Dispatcher(callThreads);
        dispatcher.setMaxRequests(maxConcurrentRequests);
        dispatcher.setMaxRequestsPerHost(maxConcurrentRequests);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(maxConcurrentRequests, 5, TimeUnit.MINUTES))
                .connectTimeout(connectTimeout)
                .callTimeout(requestTimeout)
                .readTimeout(requestTimeout)
                .followRedirects(false)
                .build();
        this.apiClient = ApiClient.Builder.standard()
                .withBasePath(apiBase)
                .withAccessToken(token)
                .withShouldRefreshAccessToken(false)
                .withAutoReloadConfig(false)
                .withUserAgent(userAgent)
                .withDateFormat(new IsoDateFormat())
                .withProperty(ApiClientConnectorProperty.CONNECTOR_PROVIDER, new OkHttpClientConnector(http))
                .build();
        tokens.onToken(apiClient::setAccessToken);
        this.knowledge = new KnowledgeApiAsync(apiClient);
        this.notifications = new NotificationsApiAsync(apiClient);
    }

    /** The SDK's object mapper, for reading Genesys JSON the SDK's way (for example notification frames). */
    public ObjectMapper objectMapper() {
        return apiClient.getObjectMapper();
    }

    /** Knowledge bases visible to the OAuth client, one page. */
    public Future<KnowledgeBaseListing> knowledgeBases(int pageSize, String after) {
        GetKnowledgeKnowledgebasesRequest request = GetKnowledgeKnowledgebasesRequest.builder()
                .withPageSize(String.valueOf(pageSize)).withAfter(after).build();
        return call(callback -> knowledge.getKnowledgeKnowledgebasesAsync(request, callback));
    }

    /** One knowledge base. */
    public Future<KnowledgeBase> knowledgeBase(String knowledgeBaseId) {
        GetKnowledgeKnowledgebaseRequest request = GetKnowledgeKnowledgebaseRequest.builder()
                .withKnowledgeBaseId(knowledgeBaseId).build();
        return call(callback -> knowledge.getKnowledgeKnowledgebaseAsync(request, callback));
    }

    /**
     * Searches documents of one knowledge base.
     *
     * @param withText whether to expand {@code documentVariations}, which carry the article text
     */
    public Future<KnowledgeDocumentSearch> search(String knowledgeBaseId, KnowledgeDocumentSearchRequest body,
                                                  boolean withText) {
        PostKnowledgeKnowledgebaseDocumentsSearchRequest request = PostKnowledgeKnowledgebaseDocumentsSearchRequest
                .builder()
                .withKnowledgeBaseId(knowledgeBaseId)
                .withExpand(withText ? List.of("documentVariations") : null)
                .withBody(body)
                .build();
        return call(callback -> knowledge.postKnowledgeKnowledgebaseDocumentsSearchAsync(request, callback));
    }

    /** One published document of a knowledge base with its variations, which carry the article text. */
    public Future<KnowledgeDocumentResponse> documentWithText(String knowledgeBaseId, String documentId) {
        GetKnowledgeKnowledgebaseDocumentRequest request = GetKnowledgeKnowledgebaseDocumentRequest.builder()
                .withKnowledgeBaseId(knowledgeBaseId)
                .withDocumentId(documentId)
                .withExpand(List.of("variations"))
                .build();
        return call(callback -> knowledge.getKnowledgeKnowledgebaseDocumentAsync(request, callback));
    }

    /** Suggests documents whose phrases complete a partial query. */
    public Future<KnowledgeDocumentSuggestion> suggest(String knowledgeBaseId, KnowledgeDocumentSuggestionRequest body) {
        PostKnowledgeKnowledgebaseDocumentsSearchSuggestionsRequest request =
                PostKnowledgeKnowledgebaseDocumentsSearchSuggestionsRequest.builder()
                        .withKnowledgeBaseId(knowledgeBaseId).withBody(body).build();
        return call(callback -> knowledge.postKnowledgeKnowledgebaseDocumentsSearchSuggestionsAsync(request, callback));
    }

    /** Tells Genesys which document of a search the agent used. */
    public Future<Void> reportSelected(String knowledgeBaseId, String searchId, SearchUpdateRequest update) {
        PatchKnowledgeKnowledgebaseDocumentsSearchSearchIdRequest request =
                PatchKnowledgeKnowledgebaseDocumentsSearchSearchIdRequest.builder()
                        .withKnowledgeBaseId(knowledgeBaseId).withSearchId(searchId).withBody(update).build();
        return call(callback -> knowledge.patchKnowledgeKnowledgebaseDocumentsSearchSearchIdAsync(request, callback));
    }

    /** Creates a notification channel. */
    public Future<Channel> createChannel() {
        PostNotificationsChannelsRequest request = PostNotificationsChannelsRequest.builder().build();
        return call(callback -> notifications.postNotificationsChannelsAsync(request, callback));
    }

    /** Adds topics to a channel's subscriptions. */
    public Future<ChannelTopicEntityListing> subscribe(String channelId, List<String> topics) {
        List<ChannelTopic> body = topics.stream().map(topic -> new ChannelTopic().id(topic)).toList();
        PostNotificationsChannelSubscriptionsRequest request = PostNotificationsChannelSubscriptionsRequest.builder()
                .withChannelId(channelId).withBody(body).build();
        return call(callback -> notifications.postNotificationsChannelSubscriptionsAsync(request, callback));
    }

    /** Replaces a channel's subscriptions with exactly these topics. */
    public Future<ChannelTopicEntityListing> replaceSubscriptions(String channelId, List<String> topics) {
        List<ChannelTopic> body = topics.stream().map(topic -> new ChannelTopic().id(topic)).toList();
        PutNotificationsChannelSubscriptionsRequest request = PutNotificationsChannelSubscriptionsRequest.builder()
                .withChannelId(channelId).withBody(body).build();
        return call(callback -> notifications.putNotificationsChannelSubscriptionsAsync(request, callback));
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        callThreads.shutdown();
        http.connectionPool().evictAll();
    }

    /** Calls once; after a 401, renews the token (shared with concurrent callers) and calls once more. */
    private <T> Future<T> call(Function<AsyncApiCallback<T>, java.util.concurrent.Future<T>> invocation) {
        String token = tokens.current();
        return attempt(invocation).recover(failure -> {
            if (failure instanceof GenesysFailure typed && typed.kind() == GenesysFailure.Kind.UNAUTHORIZED) {
                return tokens.renew(token).compose(renewed -> attempt(invocation));
            }
            return Future.failedFuture(failure);
        });
    }

    private <T> Future<T> attempt(Function<AsyncApiCallback<T>, java.util.concurrent.Future<T>> invocation) {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<T> result = new CompletableFuture<>();
        java.util.concurrent.Future<T> call;
        try {
            call = invocation.apply(new AsyncApiCallback<>() {
                @Override
                public void onCompleted(T response) {
                    result.complete(response);
                }

                @Override
                public void onFailed(Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            return Future.failedFuture(GenesysFailure.from(e));
        }
        // The OkHttp call timeout bounds the call; this guard also covers time spent queued.
        return Future.fromCompletionStage(result, context)
                .timeout(requestTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .recover(failure -> {
                    if (call != null) {
                        call.cancel(true);
                    }
                    return Future.failedFuture(GenesysFailure.from(failure));
                });
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "assist-genesys-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
