package io.assisthost.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The knowledge and conversations shipped in {@code conf/sandbox/}: complete, consistent, searchable. */
class ShippedSeedTest {

    private static final Path CONF = Path.of(System.getProperty("assist.conf.dir", "../conf"));
    private static final Set<String> CONTENT_TYPES = Set.of("knowledge_article", "procedure_guide", "faq");

    private static SeedData seed() throws IOException {
        return SeedData.parse(new JsonObject(Files.readString(CONF.resolve("sandbox/knowledge.json"))));
    }

    @Test
    void hasAPrimaryAndAFallbackBaseWithAtLeastThreeHundredTypedArticles() throws IOException {
        SeedData seed = seed();
        SeedData.KnowledgeBaseSeed primary = seed.withRole("primary");
        SeedData.KnowledgeBaseSeed fallback = seed.withRole("fallback");
        assertThat(primary).isNotNull();
        assertThat(fallback).isNotNull();
        List<SeedData.DocumentSeed> all = new java.util.ArrayList<>(seed.documents(primary.id()));
        all.addAll(seed.documents(fallback.id()));
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        assertThat(all).allSatisfy(document -> {
            assertThat(document.labels().stream().filter(label -> CONTENT_TYPES.contains(label.name()))).hasSize(1);
            assertThat(document.paragraphs()).isNotEmpty();
            assertThat(document.dateModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        });
    }

    @Test
    void aLateDeliveryRefundQueryFindsLateDeliveryRefundArticlesFirst() throws IOException {
        SeedData seed = seed();
        SearchIndex index = new SearchIndex(seed.documents(seed.withRole("primary").id()));
        List<SearchIndex.Hit> hits = index.search("refund for a late delivery");
        assertThat(hits).hasSizeGreaterThan(3);
        assertThat(hits.subList(0, 3)).allSatisfy(hit -> {
            String text = (hit.document().title() + " " + String.join(" ", hit.document().alternatives())).toLowerCase(Locale.ROOT);
            assertThat(text).contains("late");
            assertThat(hit.confidence()).isBetween(0.5, 1.0);
        });
        assertThat(hits.get(hits.size() - 1).confidence()).isLessThan(hits.get(0).confidence());
    }

    @Test
    void conversationsAreScriptedForTheGenerator() throws IOException {
        List<ConversationScript> scripts = ConversationScript.parse(
                new JsonObject(Files.readString(CONF.resolve("sandbox/conversations.json"))));
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(20);
        assertThat(scripts).allSatisfy(script -> {
            assertThat(script.turns()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(script.turns().get(0).speaker()).isEqualTo("customer");
            assertThat(script.turns()).allSatisfy(turn -> assertThat(turn.confidence()).isBetween(0.0, 1.0));
        });
        assertThat(scripts.stream().flatMap(s -> s.turns().stream()).filter(turn -> turn.confidence() < 0.75)).isNotEmpty();
    }
}
