package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.model.KnowledgeDocumentResponse;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article texts of knowledge documents by document version, so that searches need not carry them.
 * Asked to expand {@code documentVariations}, Genesys sends every result's text with every search that
 * finds it: half of a search response's bytes and most of the work of reading it, while a document's
 * text only changes with its version. A text this node lacks is fetched with
 * {@code GET …/documents/{documentId}?expand=variations}, once per document version however many
 * searches ask for it at the same time; the least recently used texts go first once {@code capacity}
 * is reached.
 *
 * <p>A document without a version is fetched for every search. A text that cannot be fetched (the
 * document deleted since the search, a Genesys error) is empty for that search and asked for again by
 * the next one: an article's text only feeds scorers, it never fails a recommendation.
 *
 * <p>Thread-safe.
 */
public final class ArticleTexts {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleTexts.class);

    private record Key(String knowledgeBaseId, String documentId, String version) {
    }

    private final Vertx vertx;
    private final GenesysClient client;
    private final int capacity;
    /** Guards itself and {@link #fetching}. */
    private final Map<Key, String> texts;
    private final Map<Key, CompletableFuture<String>> fetching = new HashMap<>();

    /** @param capacity how many documents' texts to keep, at least 1 */
    public ArticleTexts(Vertx vertx, GenesysClient client, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.vertx = vertx;
        this.client = client;
        this.capacity = capacity;
        this.texts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
                return size() > ArticleTexts.this.capacity;
            }
        };
    }

    /**
     * The texts of a search's documents, fetching those this node lacks.
     *
     * @param search a search made without expanding {@code documentVariations}, or {@code null}
     * @return the text of each of the search's documents, by the document; empty for one whose text could
     *     not be fetched. Completes on the caller's context, never with a failure
     */
    public Future<Function<KnowledgeDocumentResponse, String>> of(String knowledgeBaseId, KnowledgeDocumentSearch search) {
        Map<String, String> known = new HashMap<>();
        Map<String, Future<String>> missing = new HashMap<>();
        if (search != null && search.getResults() != null) {
            Context context = vertx.getOrCreateContext();
            for (KnowledgeDocumentSearchResult result : search.getResults()) {
                KnowledgeDocumentResponse document = result.getDocument();
                if (document == null || document.getId() == null || known.containsKey(document.getId())
                        || missing.containsKey(document.getId())) {
                    continue;
                }
                Key key = new Key(knowledgeBaseId, document.getId(), KnowledgeCandidates.version(document));
                String text = key.version() == null ? null : cached(key);
                if (text != null) {
                    known.put(document.getId(), text);
                } else {
                    missing.put(document.getId(), Future.fromCompletionStage(fetch(key), context));
                }
            }
        }
        if (missing.isEmpty()) {
            return Future.succeededFuture(document -> known.getOrDefault(document.getId(), ""));
        }
        return Future.join(new ArrayList<>(missing.values())).otherwiseEmpty().map(done -> {
            missing.forEach((id, text) -> known.put(id, text.succeeded() ? text.result() : ""));
            return document -> known.getOrDefault(document.getId(), "");
        });
    }

    /** How many texts this node keeps now. */
    public int size() {
        synchronized (texts) {
            return texts.size();
        }
    }

    private String cached(Key key) {
        synchronized (texts) {
            return texts.get(key);
        }
    }

    /** The fetch of {@code key}'s text: the one under way, or a new one. */
    private CompletableFuture<String> fetch(Key key) {
        CompletableFuture<String> fetch;
        synchronized (texts) {
            CompletableFuture<String> running = fetching.get(key);
            if (running != null) {
                return running;
            }
            fetch = new CompletableFuture<>();
            fetching.put(key, fetch);
        }
        client.documentWithText(key.knowledgeBaseId(), key.documentId())
                .map(KnowledgeCandidates::text)
                .onComplete(outcome -> {
                    synchronized (texts) {
                        fetching.remove(key);
                        if (outcome.succeeded() && key.version() != null) {
                            texts.put(key, outcome.result());
                        }
                    }
                    if (outcome.succeeded()) {
                        fetch.complete(outcome.result());
                    } else {
                        log(key, outcome.cause());
                        fetch.completeExceptionally(outcome.cause());
                    }
                });
        return fetch;
    }

    /** A missing permission is the operator's to fix, so it is a warning; the rest is the weather. */
    private static void log(Key key, Throwable failure) {
        if (failure instanceof GenesysFailure typed && typed.kind() == GenesysFailure.Kind.FORBIDDEN) {
            LOG.warn("No article text for document {} of knowledge base {}: the OAuth client needs the "
                    + "knowledge:document:view permission ({})", key.documentId(), key.knowledgeBaseId(), failure.getMessage());
        } else {
            LOG.debug("No article text for document {} of knowledge base {}: {}", key.documentId(),
                    key.knowledgeBaseId(), failure.getMessage());
        }
    }
}
