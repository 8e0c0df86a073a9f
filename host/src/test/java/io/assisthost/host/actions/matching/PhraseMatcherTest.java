package io.assisthost.host.actions.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PhraseMatcherTest {

    @Test
    void matchesWholeWordsOnly() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("refund")));

        assertThat(matcher.match("two refunds please").isEmpty()).isTrue();
        assertThat(matcher.match("prerefund").isEmpty()).isTrue();
        assertThat(matcher.match("a refund, please").phrasesOf(0)).isEqualTo(0b1);
    }

    @Test
    void matchesMultiWordPhrasesAsConsecutiveWords() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("late delivery")));

        assertThat(matcher.match("it was a late delivery again").phrasesOf(0)).isEqualTo(0b1);
        assertThat(matcher.match("Late... DELIVERY!").phrasesOf(0)).as("punctuation only separates words")
                .isEqualTo(0b1);
        assertThat(matcher.match("the delivery was late").isEmpty()).isTrue();
        assertThat(matcher.match("late parcel delivery").isEmpty()).isTrue();
    }

    @Test
    void reportsOverlappingPhrasesTogether() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(
                List.of("refund", "refund policy", "policy"),
                List.of("your refund policy today"),
                List.of("policy"),
                List.of("refund policy")));

        PhraseMatcher.Hits hits = matcher.match("what is your refund policy today");

        assertThat(hits.size()).isEqualTo(4);
        assertThat(hits.phrasesOf(0)).isEqualTo(0b111);
        assertThat(hits.phrasesOf(1)).isEqualTo(0b1);
        assertThat(hits.phrasesOf(2)).isEqualTo(0b1);
        assertThat(hits.phrasesOf(3)).isEqualTo(0b1);
    }

    @Test
    void ignoresAccentsAndCaseOnBothSides() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("Réfund"), List.of("ÉCHÉANCE de paiement")));

        assertThat(matcher.match("I want a REFUND").phrasesOf(0)).isEqualTo(0b1);
        assertThat(matcher.match("l'echeance DE Paiement est passée").phrasesOf(1)).isEqualTo(0b1);
    }

    @Test
    void findsPhrasesAtTheStartAndTheEnd() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("hello there", "goodbye")));

        assertThat(matcher.match("hello there, and goodbye").phrasesOf(0)).isEqualTo(0b11);
        assertThat(matcher.match("goodbye").phrasesOf(0)).isEqualTo(0b10);
    }

    @Test
    void handlesRepeatedWords() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("no no"), List.of("no no no no"), List.of("no")));

        PhraseMatcher.Hits hits = matcher.match("no no no");

        assertThat(hits.phrasesOf(0)).isEqualTo(0b1);
        assertThat(hits.phrasesOf(1)).isZero();
        assertThat(hits.phrasesOf(2)).isEqualTo(0b1);
        assertThat(matcher.match("no, no, no and no no").phrasesOf(1)).isZero();
        assertThat(matcher.match("no, no, no, NO!").phrasesOf(1)).isEqualTo(0b1);
    }

    @Test
    void followsFailureLinksAfterAPartialMatch() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("a b c"), List.of("b d"), List.of("a b a b c")));

        assertThat(entries(matcher.match("a b d"))).containsExactly(1);
        assertThat(entries(matcher.match("a b a b c"))).as("longest phrase first").containsExactly(2, 0);
        assertThat(entries(matcher.match("a a b c"))).containsExactly(0);
    }

    @Test
    void startsOverAfterAWordNoPhraseHas() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("late delivery")));

        assertThat(matcher.match("late xyz delivery").isEmpty()).isTrue();
    }

    @Test
    void reportsASharedPhraseForEveryEntryThatHasIt() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(
                List.of("cancel", "refund"),
                List.of("refund"),
                List.of("invoice"),
                List.of("refund", "Refund")));

        PhraseMatcher.Hits hits = matcher.match("refund");

        assertThat(entries(hits)).containsExactly(0, 1, 3);
        assertThat(hits.phrases(0)).isEqualTo(0b10);
        assertThat(hits.all(0)).isFalse();
        assertThat(hits.all(1)).isTrue();
        assertThat(hits.phrases(2)).as("a phrase twice in one entry sets both bits").isEqualTo(0b11);
        assertThat(hits.all(2)).isTrue();
    }

    @Test
    void listsEntriesInTheOrderFirstHeard() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("policy"), List.of("late", "refund"),
                List.of("refund")));

        PhraseMatcher.Hits hits = matcher.match("refund policy, late refund");

        assertThat(entries(hits)).containsExactly(1, 2, 0);
        assertThat(hits.phrases(0)).isEqualTo(0b11);
    }

    @Test
    void knowsEachEntrysPhrases() {
        List<String> many = IntStream.range(0, 64).mapToObj(i -> "word" + i).toList();
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("a", "b", "c"), many));

        assertThat(matcher.entryCount()).isEqualTo(2);
        assertThat(matcher.phraseCount(0)).isEqualTo(3);
        assertThat(matcher.fullMask(0)).isEqualTo(0b111);
        assertThat(matcher.phraseCount(1)).isEqualTo(64);
        assertThat(matcher.fullMask(1)).isEqualTo(-1L);
        PhraseMatcher.Hits hits = matcher.match(String.join(" ", many));
        assertThat(hits.phrasesOf(1)).isEqualTo(-1L);
        assertThat(hits.all(0)).isTrue();
        assertThat(matcher.match("word63").phrasesOf(1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void matchesNothingInEmptyText() {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("refund")));

        assertThat(matcher.match("").isEmpty()).isTrue();
        assertThat(matcher.match(null).isEmpty()).isTrue();
        assertThat(PhraseMatcher.compile(List.of()).match("refund").size()).isZero();
    }

    @Test
    void rejectsEntriesWithoutPhrasesOrWithTooMany() {
        List<String> tooMany = IntStream.range(0, 65).mapToObj(i -> "w" + i).toList();

        assertThatThrownBy(() -> PhraseMatcher.compile(List.of(List.of("a"), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1 has 0 phrases");
        assertThatThrownBy(() -> PhraseMatcher.compile(List.of(tooMany)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 0 has 65 phrases");
    }

    @Test
    void rejectsAPhraseWithoutWordsNamingIt() {
        assertThatThrownBy(() -> PhraseMatcher.compile(List.of(List.of("refund"), List.of("late", " ?! "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1, phrase 1 (' ?! ')");
    }

    @Test
    void sharesOneMatcherBetweenThreads() throws Exception {
        PhraseMatcher matcher = PhraseMatcher.compile(List.of(List.of("late delivery", "refund"), List.of("refund")));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> matcher.match("a late delivery and a refund").phrasesOf(0)));
            }
            for (Future<Long> result : results) {
                assertThat(result.get()).isEqualTo(0b11);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Against the definition itself: a phrase occurs when its words are a contiguous run of the text's
     * words. A vocabulary of a few short words, some overlapping ("no"/"no no"), makes hits frequent.
     */
    @Property(tries = 1500)
    void agreesWithSearchingEveryPhraseInTurn(@ForAll("phraseSets") List<List<String>> phraseSets,
                                              @ForAll("utterances") List<String> utterances) {
        PhraseMatcher matcher = PhraseMatcher.compile(phraseSets);
        for (String text : utterances) {
            PhraseMatcher.Hits hits = matcher.match(text);
            List<String> words = TextNormalizer.tokens(text);
            int expectedHits = 0;
            for (int entry = 0; entry < phraseSets.size(); entry++) {
                long expected = naiveMask(phraseSets.get(entry), words);
                expectedHits += expected == 0 ? 0 : 1;
                assertThat(hits.phrasesOf(entry)).as("entry %d %s in '%s'", entry, phraseSets.get(entry), text)
                        .isEqualTo(expected);
            }
            assertThat(hits.size()).as("hits in '%s'", text).isEqualTo(expectedHits);
            for (int i = 0; i < hits.size(); i++) {
                assertThat(hits.all(i)).isEqualTo(hits.phrases(i) == matcher.fullMask(hits.entry(i)));
            }
        }
    }

    @Provide
    Arbitrary<List<List<String>>> phraseSets() {
        Arbitrary<String> phrase = spelledWord().list().ofMinSize(1).ofMaxSize(3).map(words -> String.join(" ", words));
        return phrase.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> utterances() {
        Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", ", ", "! ", " - ", "\t", "...");
        Arbitrary<String> word = Arbitraries.oneOf(spelledWord(), spelledWord(), Arbitraries.of("refunds", "xyz", "Çà"));
        Arbitrary<String> text = Combinators.combine(word, separator).as(String::concat).list().ofMaxSize(30)
                .map(parts -> String.join("", parts));
        return text.list().ofMinSize(1).ofMaxSize(8);
    }

    /** A word of the small vocabulary, sometimes upper-cased or accented: the matcher must not care. */
    private static Arbitrary<String> spelledWord() {
        return Arbitraries.of(
                List.of("refund", "Refund", "RÉFUND", "réfund"),
                List.of("policy", "POLICY", "pölicy"),
                List.of("late", "Late", "lâte"),
                List.of("delivery", "DELIVERY", "délivery"),
                List.of("no", "No", "NÖ"),
                List.of("a", "A", "à"),
                List.of("b", "B"),
                List.of("échéance", "ECHEANCE", "Echeance"))
                .flatMap(Arbitraries::of);
    }

    private static long naiveMask(List<String> phrases, List<String> words) {
        long mask = 0;
        for (int j = 0; j < phrases.size(); j++) {
            if (Collections.indexOfSubList(words, TextNormalizer.tokens(phrases.get(j))) >= 0) {
                mask |= 1L << j;
            }
        }
        return mask;
    }

    private static List<Integer> entries(PhraseMatcher.Hits hits) {
        return IntStream.range(0, hits.size()).map(hits::entry).boxed().toList();
    }
}
