package io.assisthost.plugins.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeenTitlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Refunds", "  Refunds \t", "refunds", "How to handle a refund request (12)",
        "CAFÉ", "\u2003Café\u2003", "\u212Aelvin", "\u0130stanbul", "\uD83D\uDE00 Emoji", "ΣΊΣΥΦΟΣ", "\u001FA\u001F"})
    void hashesATitleAsItsKey(String title) {
        assertThat(SeenTitles.keyHash(title)).isEqualTo(SeenTitles.key(title).hashCode());
    }

    @Test
    void titlesAreTheSameWhenTheirStrippedLowerCaseIs() {
        SeenTitles seen = new SeenTitles(8);
        assertThat(seen.add("Refunds")).isTrue();
        assertThat(seen.add(" refunds ")).isFalse();
        assertThat(seen.add("REFUNDS\n")).isFalse();
        assertThat(seen.add("Refund")).isTrue();
        // The Kelvin sign lower-cases to an ASCII 'k'.
        assertThat(seen.add("kelvin")).isTrue();
        assertThat(seen.add("\u212Aelvin")).isFalse();
        assertThat(seen.add("Café")).isTrue();
        assertThat(seen.add("CAFÉ")).isFalse();
        assertThat(seen.add("Cafe")).isTrue();
    }

    @Test
    void agreesWithASetOfKeysOnRandomTitles() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "aAbB \tÉé\u212Ak";
        for (int round = 0; round < 200; round++) {
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                StringBuilder title = new StringBuilder();
                for (int length = random.nextInt(4); length > 0; length--) {
                    title.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                titles.add(title.toString());
            }
            SeenTitles seen = new SeenTitles(titles.size());
            Set<String> keys = new HashSet<>();
            for (String title : titles) {
                assertThat(seen.add(title)).as(title).isEqualTo(keys.add(SeenTitles.key(title)));
            }
        }
    }

    @Test
    void refusesMoreTitlesThanItsLimit() {
        SeenTitles seen = new SeenTitles(2);
        seen.add("a");
        seen.add("b");
        assertThat(seen.add("a")).isFalse();
        assertThatThrownBy(() -> seen.add("c")).isInstanceOf(IllegalStateException.class);
    }
}
