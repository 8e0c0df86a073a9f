package io.assisthost.plugins.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LexicalEmbeddingTest {

    private static final int DIMENSIONS = 64;
    private final LexicalEmbedding embedding = new LexicalEmbedding(DIMENSIONS);

    /** The embedding by its definition: words as strings, bigrams as joined strings. */
    private static float[] reference(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1) {
                words.add(word);
            }
        }
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < words.size(); i++) {
            vector[Math.floorMod(words.get(i).hashCode() * 0x9E3779B1, DIMENSIONS)] += 1.0f;
            if (i > 0) {
                String bigram = words.get(i - 1) + ' ' + words.get(i);
                vector[Math.floorMod(bigram.hashCode() * 0x9E3779B1, DIMENSIONS)] += 0.5f;
            }
        }
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        for (int i = 0; sum > 0 && i < DIMENSIONS; i++) {
            vector[i] *= (float) (1.0 / Math.sqrt(sum));
        }
        return vector;
    }

    @Test
    void readsAsciiTextAsItsDefinitionSays() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "aAbBzZ09x \n\t.,;-'/_()";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(embedding.embed(text.toString())).as(text.toString()).containsExactly(reference(text.toString()));
        }
    }

    @Test
    void readsLongWordsWhoseHashesOverflow() {
        String text = "Refunds for deliveries internationalisation-counterrevolutionaries 1234567890123 ab";
        assertThat(embedding.embed(text)).containsExactly(reference(text));
    }

    @Test
    void foldsAccentsCaseAndCompatibilityForms() {
        for (String text : List.of("Café CRÈME brûlée", "ﬁle Ⅻ naïve", "Straße ÄÖÜ", "日本語 テキスト mixed", "a é b")) {
            assertThat(embedding.embed(text)).as(text).containsExactly(reference(text));
        }
        assertThat(embedding.embed("CAFÉ refund")).containsExactly(embedding.embed("cafe REFUND"));
    }

    @Test
    void leavesTextWithoutWordsAtZero() {
        assertThat(embedding.embed("a . b ! ?")).containsOnly(0f);
        assertThat(embedding.embed("")).containsOnly(0f);
    }
}
