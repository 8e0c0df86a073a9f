package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge the emulator serves, as read from {@code conf/sandbox/knowledge.json}: knowledge bases,
 * their categories and labels, and their documents. Immutable.
 */
public final class SeedData {

    /** A knowledge base; {@code role} is {@code primary} or {@code fallback}. */
    public record KnowledgeBaseSeed(String id, String name, String description, String coreLanguage, String role) {
    }

    record CategorySeed(String id, String knowledgeBaseId, String name, String description) {
    }

    record LabelSeed(String id, String knowledgeBaseId, String name, String color) {
    }

    record DocumentSeed(String id, String knowledgeBaseId, String title, CategorySeed category, List<LabelSeed> labels,
                        List<String> alternatives, List<String> paragraphs, int version, String dateCreated,
                        String dateModified) {

        String text() {
            return String.join("\n", paragraphs);
        }
    }

    private final List<KnowledgeBaseSeed> knowledgeBases;
    private final Map<String, List<DocumentSeed>> documentsByBase;

    private SeedData(List<KnowledgeBaseSeed> knowledgeBases, Map<String, List<DocumentSeed>> documentsByBase) {
        this.knowledgeBases = List.copyOf(knowledgeBases);
        this.documentsByBase = Map.copyOf(documentsByBase);
    }

    /** Parses the seed file's JSON; fails with a message naming the broken reference. */
    public static SeedData parse(JsonObject json) {
        List<KnowledgeBaseSeed> bases = new ArrayList<>();
        for (JsonObject base : objects(json.getJsonArray("knowledgeBases"))) {
            bases.add(new KnowledgeBaseSeed(base.getString("id"), base.getString("name"), base.getString("description", ""),
                    base.getString("coreLanguage", "en-US"), base.getString("role", "primary")));
        }
        Map<String, CategorySeed> categories = new LinkedHashMap<>();
        for (JsonObject category : objects(json.getJsonArray("categories"))) {
            categories.put(category.getString("id"), new CategorySeed(category.getString("id"),
                    category.getString("knowledgeBaseId"), category.getString("name"), category.getString("description", "")));
        }
        Map<String, LabelSeed> labels = new LinkedHashMap<>();
        for (JsonObject label : objects(json.getJsonArray("labels"))) {
            labels.put(label.getString("id"), new LabelSeed(label.getString("id"), label.getString("knowledgeBaseId"),
                    label.getString("name"), label.getString("color", "#888888")));
        }
        Map<String, List<DocumentSeed>> documents = new LinkedHashMap<>();
        bases.forEach(base -> documents.put(base.id(), new ArrayList<>()));
        for (JsonObject document : objects(json.getJsonArray("documents"))) {
            DocumentSeed seed = document(document, categories, labels);
            List<DocumentSeed> ofBase = documents.get(seed.knowledgeBaseId());
            if (ofBase == null) {
                throw new IllegalArgumentException("document " + seed.id() + " names unknown knowledge base "
                        + seed.knowledgeBaseId());
            }
            ofBase.add(seed);
        }
        documents.replaceAll((id, list) -> List.copyOf(list));
        return new SeedData(bases, documents);
    }

    private static DocumentSeed document(JsonObject json, Map<String, CategorySeed> categories,
                                         Map<String, LabelSeed> labels) {
        String id = json.getString("id");
        CategorySeed category = categories.get(json.getString("categoryId"));
        if (category == null) {
            throw new IllegalArgumentException("document " + id + " names unknown category " + json.getString("categoryId"));
        }
        List<LabelSeed> documentLabels = new ArrayList<>();
        for (Object labelId : json.getJsonArray("labelIds", new JsonArray())) {
            LabelSeed label = labels.get(String.valueOf(labelId));
            if (label == null) {
                throw new IllegalArgumentException("document " + id + " names unknown label " + labelId);
            }
            documentLabels.add(label);
        }
        return new DocumentSeed(id, json.getString("knowledgeBaseId"), json.getString("title"), category,
                List.copyOf(documentLabels), strings(json.getJsonArray("alternatives")),
                strings(json.getJsonArray("paragraphs")), json.getInteger("version", 1),
                json.getString("dateCreated"), json.getString("dateModified"));
    }

    public List<KnowledgeBaseSeed> knowledgeBases() {
        return knowledgeBases;
    }

    /** The documents of one knowledge base (empty for an unknown one). */
    List<DocumentSeed> documents(String knowledgeBaseId) {
        return documentsByBase.getOrDefault(knowledgeBaseId, List.of());
    }

    /** The knowledge base with the given role, if any. */
    public KnowledgeBaseSeed withRole(String role) {
        return knowledgeBases.stream().filter(base -> role.equals(base.role())).findFirst().orElse(null);
    }

    KnowledgeBaseSeed knowledgeBase(String id) {
        return knowledgeBases.stream().filter(base -> base.id().equals(id)).findFirst().orElse(null);
    }

    private static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> list = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> list.add((JsonObject) item));
        }
        return list;
    }

    private static List<String> strings(JsonArray array) {
        List<String> list = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> list.add(String.valueOf(item)));
        }
        return List.copyOf(list);
    }
}
