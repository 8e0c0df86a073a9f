package io.assisthost.host.sandbox;

import io.assisthost.host.sandbox.SeedData.CategorySeed;
import io.assisthost.host.sandbox.SeedData.DocumentSeed;
import io.assisthost.host.sandbox.SeedData.KnowledgeBaseSeed;
import io.assisthost.host.sandbox.SeedData.LabelSeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of Genesys Cloud's API, with its field names, for what the emulator serves. */
final class GenesysJson {

    static final String KNOWLEDGE_BASES = "/api/v2/knowledge/knowledgebases";

    private GenesysJson() {
    }

    /** Genesys' error body: the same shape for every {@code /api/v2} error. */
    static JsonObject error(int status, String code, String message, String correlationId) {
        return new JsonObject()
                .put("message", message)
                .put("code", code)
                .put("status", status)
                .put("contextId", correlationId)
                .put("details", new JsonArray())
                .put("errors", new JsonArray());
    }

    static JsonObject knowledgeBase(KnowledgeBaseSeed base, List<DocumentSeed> documents) {
        String lastModified = documents.stream().map(DocumentSeed::dateModified).max(String::compareTo).orElse(null);
        String created = documents.stream().map(DocumentSeed::dateCreated).min(String::compareTo).orElse(null);
        return new JsonObject()
                .put("id", base.id())
                .put("name", base.name())
                .put("description", base.description())
                .put("coreLanguage", base.coreLanguage())
                .put("dateCreated", created)
                .put("dateModified", lastModified)
                .put("faqCount", 0)
                .put("dateDocumentLastModified", lastModified)
                .put("articleCount", documents.size())
                .put("published", true)
                .put("selfUri", KNOWLEDGE_BASES + "/" + base.id());
    }

    /**
     * A {@code KnowledgeDocumentResponse} as search results carry it: category and labels in full,
     * {@code variations} only when expanded.
     */
    static JsonObject document(DocumentSeed document, boolean withVariations) {
        return document(document, withVariations, true, true);
    }

    /**
     * A {@code KnowledgeDocumentResponse}: category and labels in full when expanded, else as references
     * ({@code id} and {@code selfUri}); {@code variations} only when expanded.
     */
    static JsonObject document(DocumentSeed document, boolean withVariations, boolean fullCategory,
                               boolean fullLabels) {
        String base = KNOWLEDGE_BASES + "/" + document.knowledgeBaseId();
        String self = base + "/documents/" + document.id();
        JsonArray alternatives = new JsonArray();
        document.alternatives().forEach(phrase -> alternatives.add(new JsonObject()
                .put("phrase", phrase).put("autocomplete", true)));
        JsonArray labels = new JsonArray();
        document.labels().forEach(label -> labels.add(fullLabels ? label(label) : reference(label(label))));
        JsonObject json = new JsonObject()
                .put("id", document.id())
                .put("title", document.title())
                .put("visible", true)
                .put("alternatives", alternatives)
                .put("state", "Published")
                .put("dateCreated", document.dateCreated())
                .put("dateModified", document.dateModified())
                .put("datePublished", document.dateModified())
                .put("lastPublishedVersionNumber", document.version())
                .put("documentVersion", version(document, self))
                .put("category", fullCategory ? category(document.category()) : reference(category(document.category())))
                .put("labels", labels)
                .put("knowledgeBase", new JsonObject().put("id", document.knowledgeBaseId()).put("selfUri", base))
                .put("selfUri", self);
        if (withVariations) {
            json.put("variations", new JsonArray().add(variation(document, self)));
        }
        return json;
    }

    /** The short document reference of suggestions. */
    static JsonObject documentReference(DocumentSeed document) {
        String base = KNOWLEDGE_BASES + "/" + document.knowledgeBaseId();
        return new JsonObject()
                .put("id", document.id())
                .put("knowledgeBase", new JsonObject().put("id", document.knowledgeBaseId()).put("selfUri", base))
                .put("title", document.title())
                .put("selfUri", base + "/documents/" + document.id());
    }

    private static JsonObject version(DocumentSeed document, String documentUri) {
        String versionId = uuid(document.id() + "/version/" + document.version());
        return new JsonObject().put("id", versionId).put("selfUri", documentUri + "/versions/" + versionId);
    }

    private static JsonObject variation(DocumentSeed document, String documentUri) {
        JsonArray blocks = new JsonArray();
        for (String paragraph : document.paragraphs()) {
            JsonObject text = new JsonObject().put("text", paragraph).put("marks", new JsonArray());
            blocks.add(new JsonObject()
                    .put("type", "Paragraph")
                    .put("paragraph", new JsonObject().put("blocks", new JsonArray()
                            .add(new JsonObject().put("type", "Text").put("text", text)))));
        }
        String id = uuid(document.id() + "/variation");
        return new JsonObject()
                .put("id", id)
                .put("body", new JsonObject().put("blocks", blocks))
                .put("dateCreated", document.dateCreated())
                .put("dateModified", document.dateModified())
                .put("documentVersion", version(document, documentUri))
                .put("contexts", new JsonArray())
                .put("document", new JsonObject().put("id", document.id()).put("selfUri", documentUri))
                .put("selfUri", documentUri + "/variations/" + id);
    }

    private static JsonObject category(CategorySeed category) {
        return new JsonObject()
                .put("id", category.id())
                .put("name", category.name())
                .put("description", category.description())
                .put("selfUri", KNOWLEDGE_BASES + "/" + category.knowledgeBaseId() + "/categories/" + category.id());
    }

    private static JsonObject label(LabelSeed label) {
        return new JsonObject()
                .put("id", label.id())
                .put("name", label.name())
                .put("color", label.color())
                .put("selfUri", KNOWLEDGE_BASES + "/" + label.knowledgeBaseId() + "/labels/" + label.id());
    }

    private static JsonObject reference(JsonObject entity) {
        return new JsonObject().put("id", entity.getString("id")).put("selfUri", entity.getString("selfUri"));
    }

    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
