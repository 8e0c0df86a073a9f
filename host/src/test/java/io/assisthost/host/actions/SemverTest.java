package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "1.0.0.0", "01.0.0", "1.02.0", "v1.0.0", "1.0.0-", "1.0.0+", "1.0.0-01",
        "1.0.0-beta..1", " 1.0.0", "1.0.0 ", "", "1.0.0-be ta", "9999999999.0.0"})
    void refusesWhatIsNotASemanticVersion(String text) {
        assertThat(Semver.valid(text)).isFalse();
        assertThatThrownBy(() -> Semver.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a semantic version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.4.0", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
        "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-rc.1+build.1"})
    void readsSemanticVersions(String text) {
        assertThat(Semver.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void ordersByPrecedenceAsTheSpecificationDoes() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0");
        List<Semver> shuffled = new ArrayList<>(ordered.stream().map(Semver::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled.stream().map(Semver::toString)).containsExactlyElementsOf(ordered);
        assertThat(Semver.parse("1.0.0+a").compareTo(Semver.parse("1.0.0+b"))).isZero();
    }
}
