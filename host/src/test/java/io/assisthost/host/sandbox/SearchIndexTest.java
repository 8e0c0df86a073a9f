package io.assisthost.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.sandbox.SeedData.CategorySeed;
import io.assisthost.host.sandbox.SeedData.DocumentSeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchIndexTest {

    private static final CategorySeed CATEGORY = new CategorySeed("cat-1", "kb-1", "Billing", "");

    private static DocumentSeed document(String id, String title, String text) {
        return new DocumentSeed(id, "kb-1", title, CATEGORY, List.of(), List.of(), List.of(text), 1,
                "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
    }

    @Test
    void ranksByConfidenceThenByTitle() {
        // The same terms in each, titles differing only in case and punctuation: equal confidences.
        List<DocumentSeed> documents = List.of(
                document("d-1", "refund policy!", "Refunds are paid within five days."),
                document("d-2", "Refund policy", "Refunds are paid within five days."),
                document("d-3", "Unrelated", "Invoices are sent monthly."),
                document("d-4", "REFUND POLICY", "Refunds are paid within five days."),
                document("d-5", "Refund", "Refunds are paid within five days after a late refund."));

        List<SearchIndex.Hit> hits = new SearchIndex(documents).search("refund policy");

        assertThat(hits).extracting(hit -> hit.document().id()).containsExactly("d-4", "d-2", "d-1", "d-5");
        assertThat(hits.get(0).confidence()).isEqualTo(hits.get(2).confidence());
        assertThat(hits.get(2).confidence()).isGreaterThan(hits.get(3).confidence());
    }

    @Test
    void findsNothingForTermsNoDocumentHas() {
        SearchIndex index = new SearchIndex(List.of(document("d-1", "Refund policy", "Refunds are paid.")));

        assertThat(index.search("warranty")).isEmpty();
        assertThat(index.search("")).isEmpty();
    }
}
