package io.assisthost.host.actions.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void dropsAccentsAndCase() {
        assertThat(TextNormalizer.tokens("Réfund ÉCHÉANCE Ångström façade NAÏVE")).containsExactly("refund", "echeance",
                "angstrom", "facade", "naive");
    }

    @Test
    void treatsDecomposedAndPrecomposedAccentsAlike() {
        assertThat(TextNormalizer.tokens("Re\u0301fund")).isEqualTo(TextNormalizer.tokens("R\u00E9fund"))
                .containsExactly("refund");
    }

    @Test
    void splitsOnPunctuationAndSpaces() {
        assertThat(TextNormalizer.tokens("refund,please!  I'm (really) late—again\tnow\nok"))
                .containsExactly("refund", "please", "i", "m", "really", "late", "again", "now", "ok");
    }

    @Test
    void keepsDigitsInsideWords() {
        assertThat(TextNormalizer.tokens("Order #A12-345 costs 19.99 EUR, 3DS")).containsExactly("order", "a12", "345",
                "costs", "19", "99", "eur", "3ds");
    }

    @Test
    void keepsNonLatinLetters() {
        assertThat(TextNormalizer.tokens("Возврат денег")).containsExactly("возврат", "денег");
        // Й is И with a breve in NFD: the two fold together, on both sides of a match alike.
        assertThat(TextNormalizer.tokens("ПОЖАЛУЙСТА")).containsExactly("пожалуиста");
        assertThat(TextNormalizer.tokens("ΟΔΟΣ οδός")).containsExactly("οδοσ", "οδοσ");
        assertThat(TextNormalizer.tokens("払い戻し、お願い")).containsExactly("払い戻し", "お願い");
        assertThat(TextNormalizer.tokens("İstanbul")).containsExactly("istanbul");
    }

    @Test
    void keepsLettersOutsideTheBasicPlane() {
        // Deseret capital and small long I, U+10400 and U+10428: surrogate pairs both.
        assertThat(TextNormalizer.tokens("\uD801\uDC00x y")).containsExactly("\uD801\uDC28x", "y");
    }

    @Test
    void findsNoWordInEmptyOrSymbolText() {
        assertThat(TextNormalizer.tokens("")).isEmpty();
        assertThat(TextNormalizer.tokens(null)).isEmpty();
        assertThat(TextNormalizer.tokens("  ... !? -- \u0301 ©")).isEmpty();
    }

    @Test
    void handsWordsOverWithTheirStringHash() {
        List<String> words = new ArrayList<>();
        TextNormalizer.forEachWord("Hello, wörld ΣΑΣ", (chars, length, hash) -> {
            String word = new String(chars, 0, length);
            assertThat(hash).as(word).isEqualTo(word.hashCode());
            words.add(word);
        });
        assertThat(words).containsExactly("hello", "world", "σασ");
    }

    /**
     * The ASCII fast path and the per-word normalization give what normalizing the whole text gives, and
     * each word's hash is its string's.
     */
    @Property(tries = 2000)
    void agreesWithNormalizingTheWholeText(@ForAll("mixedTexts") String text) {
        assertThat(TextNormalizer.tokens(text)).as("tokens of '%s'", text).isEqualTo(wholeText(text));
        TextNormalizer.forEachWord(text, (chars, length, hash) ->
                assertThat(hash).isEqualTo(new String(chars, 0, length).hashCode()));
    }

    @Provide
    Arbitrary<String> mixedTexts() {
        return Arbitraries.strings().withChars("aZ09 .,'-éÉüßΣσςДж\u0301\u0308İK払").ofMaxLength(40);
    }

    private static List<String> wholeText(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        decomposed.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                return;
            }
            int folded = Character.toLowerCase(Character.toUpperCase(cp));
            if (Character.isLetterOrDigit(folded)) {
                word.appendCodePoint(folded);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
