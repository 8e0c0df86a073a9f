package io.assisthost.plugins.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.api.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DocumentEmbeddingsTest {

    private final List<String> embedded = new ArrayList<>();
    private final Function<String, float[]> embed = text -> {
        embedded.add(text);
        return new float[]{text.length()};
    };

    private static Candidate article(String kb, String id, String title, String text) {
        return article(kb, id, title, text, "1");
    }

    private static Candidate article(String kb, String id, String title, String text, String version) {
        return Candidate.of(id, kb, title, "faq", null, text, version, null, null, 0.5);
    }

    @Test
    void embedsAnArticleOnceWhileItsTitleAndTextStayTheSame() {
        DocumentEmbeddings documents = new DocumentEmbeddings(8);
        float[] first = documents.of(article("kb", "a", "Refunds", "Refund the order."), embed);
        float[] again = documents.of(article("kb", "a", "Refunds", new String("Refund the order.")), embed);

        assertThat(again).isSameAs(first);
        assertThat(embedded).containsExactly("Refunds\nRefund the order.");
    }

    @Test
    void embedsAgainForAnotherVersionEvenWithTheSameText() {
        DocumentEmbeddings documents = new DocumentEmbeddings(8);
        documents.of(article("kb", "a", "Refunds", "Refund the order.", "1"), embed);
        documents.of(article("kb", "a", "Refunds", "Refund the order.", "2"), embed);
        documents.of(article("kb", "a", "Refunds", "Refund the order.", "2"), embed);
        documents.of(article("kb", "a", "Refunds", "Refund the order.", null), embed);

        assertThat(embedded).hasSize(3);
    }

    @Test
    void embedsAgainWhenTheTitleOrTextOfAnArticleWithoutVersionChanged() {
        DocumentEmbeddings documents = new DocumentEmbeddings(8);
        documents.of(article("kb", "a", "Refunds", "Refund the order.", null), embed);
        documents.of(article("kb", "a", "Refunds", "Refund the order now.", null), embed);
        documents.of(article("kb", "a", "Refund policy", "Refund the order now.", null), embed);
        documents.of(article("kb", "a", "Refund policy", "Refund the order new.", null), embed);
        documents.of(article("kb", "a", "Refund policy", new String("Refund the order new."), null), embed);

        assertThat(embedded).containsExactly("Refunds\nRefund the order.", "Refunds\nRefund the order now.",
                "Refund policy\nRefund the order now.", "Refund policy\nRefund the order new.");
        assertThat(documents.size()).isEqualTo(1);
    }

    @Test
    void tellsKnowledgeBasesApart() {
        DocumentEmbeddings documents = new DocumentEmbeddings(8);
        documents.of(article("kb-1", "a", "Refunds", "One."), embed);
        documents.of(article("kb-2", "a", "Refunds", "Other."), embed);
        documents.of(article("kb-1", "a", "Refunds", "One."), embed);

        assertThat(embedded).containsExactly("Refunds\nOne.", "Refunds\nOther.");
    }

    @Test
    void dropsTheLeastRecentlyUsedArticleWhenFull() {
        DocumentEmbeddings documents = new DocumentEmbeddings(2);
        documents.of(article("kb", "a", "A", "a"), embed);
        documents.of(article("kb", "b", "B", "b"), embed);
        documents.of(article("kb", "a", "A", "a"), embed);
        documents.of(article("kb", "c", "C", "c"), embed);
        documents.of(article("kb", "a", "A", "a"), embed);
        documents.of(article("kb", "b", "B", "b"), embed);

        assertThat(embedded).containsExactly("A\na", "B\nb", "C\nc", "B\nb");
        assertThat(documents.size()).isEqualTo(2);
    }

    @Test
    void keepsNothingWithCapacityZeroAndRefusesANegativeOne() {
        DocumentEmbeddings documents = new DocumentEmbeddings(0);
        documents.of(article("kb", "a", "A", "a"), embed);
        documents.of(article("kb", "a", "A", "a"), embed);

        assertThat(embedded).hasSize(2);
        assertThat(documents.size()).isZero();
        assertThatThrownBy(() -> new DocumentEmbeddings(-1)).hasMessageContaining("capacity");
    }
}
