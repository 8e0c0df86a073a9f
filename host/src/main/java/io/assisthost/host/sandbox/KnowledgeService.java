package io.assisthost.host.sandbox;

import io.assisthost.host.sandbox.SeedData.DocumentSeed;
import io.assisthost.host.sandbox.SeedData.KnowledgeBaseSeed;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The knowledge endpoints' logic: knowledge bases, documents, document search with relevance, filters,
 * sorting and paging, suggestions, and search feedback. Event-loop confined (not thread-safe).
 */
final class KnowledgeService {

    private static final int MAX_REMEMBERED_SEARCHES = 20_000;
    private static final Set<String> QUERY_TYPES = Set.of("AutoSearch", "ManualSearch", "Suggestion");
    private static final List<String> DOCUMENT_EXPANSIONS = List.of("category", "labels", "variations");
    private static final List<String> DOCUMENT_STATES = List.of("Draft", "Published");
    private static final Set<String> SORT_BY =
            Set.of("ConfidenceScore", "DateCreated", "DateModified", "CategoryName", "LabelName");

    private final SeedData seed;
    private final Map<String, SearchIndex> indexes = new LinkedHashMap<>();
    /** Every document by knowledge base id and document id, joined by a slash. */
    private final Map<String, DocumentSeed> documents = new HashMap<>();
    private final Map<String, Set<String>> searches = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_REMEMBERED_SEARCHES;
        }
    };
    private final List<JsonObject> feedback = new ArrayList<>();
    // Seeded documents never change: each is encoded once, with and without its variations (keyed by the
    // seed's own instance, whose record hash would walk every paragraph).
    private final Map<DocumentSeed, byte[][]> encodedDocuments = new IdentityHashMap<>();

    KnowledgeService(SeedData seed) {
        this.seed = seed;
        seed.knowledgeBases().forEach(base -> {
            indexes.put(base.id(), new SearchIndex(seed.documents(base.id())));
            seed.documents(base.id()).forEach(document -> documents.put(base.id() + "/" + document.id(), document));
        });
    }

    JsonObject knowledgeBases(int pageSize, String after) {
        if (pageSize < 1 || pageSize > 100) {
            throw EmulatorError.badRequest("pageSize must be between 1 and 100");
        }
        List<KnowledgeBaseSeed> all = seed.knowledgeBases();
        int start = 0;
        if (after != null && !after.isBlank()) {
            start = indexOf(all, after) + 1;
        }
        JsonArray entities = new JsonArray();
        all.stream().skip(start).limit(pageSize)
                .forEach(base -> entities.add(GenesysJson.knowledgeBase(base, seed.documents(base.id()))));
        JsonObject listing = new JsonObject().put("entities", entities)
                .put("selfUri", GenesysJson.KNOWLEDGE_BASES + "?pageSize=" + pageSize);
        if (start + pageSize < all.size()) {
            String last = all.get(start + pageSize - 1).id();
            listing.put("nextUri", GenesysJson.KNOWLEDGE_BASES + "?pageSize=" + pageSize + "&after=" + last);
        }
        return listing;
    }

    JsonObject knowledgeBase(String id) {
        KnowledgeBaseSeed base = requireBase(id);
        return GenesysJson.knowledgeBase(base, seed.documents(base.id()));
    }

    /** The body of a {@code KnowledgeDocumentSearchResponse}, encoded. */
    Buffer search(String knowledgeBaseId, JsonObject request, boolean variations) {
        requireBase(knowledgeBaseId);
        String query = request.getString("query");
        if (query == null || query.isBlank()) {
            throw EmulatorError.badRequest("query is required");
        }
        int pageSize = intField(request, "pageSize", 10, 1, 100);
        int pageNumber = intField(request, "pageNumber", 1, 1, 10_000);
        String queryType = enumField(request, "queryType", "ManualSearch", QUERY_TYPES);
        String sortBy = enumField(request, "sortBy", "ConfidenceScore", SORT_BY);
        String sortOrder = enumField(request, "sortOrder", "Desc", Set.of("Asc", "Desc"));
        Predicate<DocumentSeed> filter = DocumentFilter.parse(object(request, "filter"));

        List<SearchIndex.Hit> hits = new ArrayList<>(indexes.get(knowledgeBaseId).search(query).stream()
                .filter(hit -> filter.test(hit.document())).toList());
        if (!"ConfidenceScore".equals(sortBy) || "Asc".equals(sortOrder)) {
            hits.sort(order(sortBy, sortOrder));
        }
        String searchId = UUID.randomUUID().toString();
        List<SearchIndex.Hit> page = hits.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize).toList();
        searches.put(searchId, Set.copyOf(page.stream().map(hit -> hit.document().id()).toList()));
        JsonObject response = new JsonObject()
                .put("query", query)
                .put("pageSize", pageSize)
                .put("pageNumber", pageNumber)
                .put("searchId", searchId)
                .put("total", hits.size())
                .put("pageCount", (hits.size() + pageSize - 1) / pageSize)
                .put("queryType", queryType);
        echoContext(request, response);
        return withResults(response, page, variations);
    }

    /** The response's fields followed by {@code results}, each document's JSON written as encoded before. */
    private Buffer withResults(JsonObject response, List<SearchIndex.Hit> page, boolean variations) {
        Buffer head = response.toBuffer();
        List<byte[]> documents = new ArrayList<>(page.size());
        int size = head.length() + 16;
        for (SearchIndex.Hit hit : page) {
            byte[] document = encoded(hit.document(), variations);
            documents.add(document);
            size += document.length + 64;
        }
        Buffer body = Buffer.buffer(size);
        body.appendBuffer(head, 0, head.length() - 1).appendString(",\"results\":[");
        for (int i = 0; i < page.size(); i++) {
            body.appendString(i == 0 ? "{\"confidence\":" : ",{\"confidence\":")
                    .appendString(String.valueOf(round(page.get(i).confidence())))
                    .appendString(",\"document\":").appendBytes(documents.get(i)).appendString("}");
        }
        return body.appendString("]}");
    }

    private byte[] encoded(DocumentSeed document, boolean variations) {
        byte[][] forms = encodedDocuments.computeIfAbsent(document, d -> new byte[2][]);
        int form = variations ? 1 : 0;
        if (forms[form] == null) {
            forms[form] = GenesysJson.document(document, variations).toBuffer().getBytes();
        }
        return forms[form];
    }

    /**
     * A {@code KnowledgeDocumentResponse}, as {@code GET …/documents/{documentId}} answers it: category and
     * labels as references unless expanded, variations only when expanded. Every seeded document is
     * published, so both states answer it.
     */
    JsonObject document(String knowledgeBaseId, String documentId, List<String> expand, String state) {
        requireBase(knowledgeBaseId);
        for (String value : expand) {
            if (!DOCUMENT_EXPANSIONS.contains(value)) {
                throw EmulatorError.badRequest("expand must be one of " + DOCUMENT_EXPANSIONS + ", was " + value);
            }
        }
        if (state != null && !DOCUMENT_STATES.contains(state)) {
            throw EmulatorError.badRequest("state must be one of " + DOCUMENT_STATES + ", was " + state);
        }
        DocumentSeed document = documents.get(knowledgeBaseId + "/" + documentId);
        if (document == null) {
            throw EmulatorError.notFound("document " + documentId + " not found in knowledge base " + knowledgeBaseId);
        }
        return GenesysJson.document(document, expand.contains("variations"), expand.contains("category"),
                expand.contains("labels"));
    }

    JsonObject suggest(String knowledgeBaseId, JsonObject request) {
        requireBase(knowledgeBaseId);
        String query = request.getString("query");
        if (query == null || query.isBlank()) {
            throw EmulatorError.badRequest("query is required");
        }
        int pageSize = intField(request, "pageSize", 10, 1, 100);
        Predicate<DocumentSeed> filter = DocumentFilter.parse(object(request, "filter"));
        String needle = query.trim().toLowerCase(Locale.ROOT);
        JsonArray results = new JsonArray();
        for (DocumentSeed document : seed.documents(knowledgeBaseId)) {
            if (results.size() >= pageSize || !filter.test(document)) {
                continue;
            }
            List<String> phrases = new ArrayList<>(document.alternatives());
            phrases.add(0, document.title());
            phrases.stream().filter(phrase -> phrase.toLowerCase(Locale.ROOT).contains(needle)).findFirst()
                    .ifPresent(phrase -> results.add(new JsonObject()
                            .put("matchedPhrase", phrase)
                            .put("document", GenesysJson.documentReference(document))));
        }
        return new JsonObject().put("query", query).put("pageSize", pageSize).put("results", results);
    }

    /** Records which document of a search the agent used; Genesys answers 204. */
    void update(String knowledgeBaseId, String searchId, JsonObject request) {
        requireBase(knowledgeBaseId);
        Set<String> documentIds = searches.get(searchId);
        if (documentIds == null) {
            throw EmulatorError.notFound("search " + searchId + " not found");
        }
        JsonObject selected = object(request, "selectedAnswer");
        JsonObject document = selected == null ? null : object(selected, "document");
        String documentId = document == null ? null : document.getString("id");
        if (documentId != null && !documentIds.contains(documentId)) {
            throw EmulatorError.badRequest("document " + documentId + " was not a result of search " + searchId);
        }
        feedback.add(new JsonObject().put("knowledgeBaseId", knowledgeBaseId).put("searchId", searchId)
                .put("answered", request.getBoolean("answered", documentId != null)).put("documentId", documentId));
    }

    /** Search feedback received so far, oldest first. */
    List<JsonObject> feedback() {
        return List.copyOf(feedback);
    }

    private KnowledgeBaseSeed requireBase(String id) {
        KnowledgeBaseSeed base = seed.knowledgeBase(id);
        if (base == null) {
            throw EmulatorError.notFound("knowledge base " + id + " not found");
        }
        return base;
    }

    private static void echoContext(JsonObject request, JsonObject response) {
        JsonObject context = object(request, "conversationContext");
        if (context != null) {
            JsonObject echoed = new JsonObject().put("mediaType", context.getString("mediaType"));
            String conversationId = context.getString("conversationId");
            if (conversationId != null) {
                echoed.put("conversation", new JsonObject().put("id", conversationId)
                        .put("selfUri", "/api/v2/conversations/" + conversationId));
            }
            String queueId = context.getString("queueId");
            if (queueId != null) {
                echoed.put("queue", new JsonObject().put("id", queueId).put("selfUri", "/api/v2/routing/queues/" + queueId));
            }
            response.put("conversationContext", echoed);
        }
        if (object(request, "application") != null) {
            response.put("application", request.getJsonObject("application").copy());
        }
    }

    private static Comparator<SearchIndex.Hit> order(String sortBy, String sortOrder) {
        Comparator<SearchIndex.Hit> comparator = switch (sortBy) {
            case "DateCreated" -> Comparator.comparing(hit -> hit.document().dateCreated());
            case "DateModified" -> Comparator.comparing(hit -> hit.document().dateModified());
            case "CategoryName" -> Comparator.comparing(hit -> hit.document().category().name());
            case "LabelName" -> Comparator.comparing(hit -> hit.document().labels().isEmpty()
                    ? "" : hit.document().labels().get(0).name());
            default -> Comparator.comparingDouble(SearchIndex.Hit::confidence);
        };
        return "Desc".equals(sortOrder) ? comparator.reversed() : comparator;
    }

    private static int indexOf(List<KnowledgeBaseSeed> bases, String id) {
        for (int i = 0; i < bases.size(); i++) {
            if (bases.get(i).id().equals(id)) {
                return i;
            }
        }
        throw EmulatorError.badRequest("after names no knowledge base: " + id);
    }

    private static int intField(JsonObject request, String name, int defaultValue, int min, int max) {
        Object value = request.getValue(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.intValue() < min || number.intValue() > max) {
            throw EmulatorError.badRequest(name + " must be a whole number between " + min + " and " + max);
        }
        return number.intValue();
    }

    private static String enumField(JsonObject request, String name, String defaultValue, Set<String> allowed) {
        Object value = request.getValue(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text) || !allowed.contains(text)) {
            throw EmulatorError.badRequest(name + " must be one of " + allowed + ", was " + value);
        }
        return text;
    }

    private static JsonObject object(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw EmulatorError.badRequest(name + " must be an object");
        }
        return object;
    }

    private static double round(double confidence) {
        return Math.round(confidence * 1_000_000d) / 1_000_000d;
    }
}
