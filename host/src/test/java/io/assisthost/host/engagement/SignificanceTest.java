package io.assisthost.host.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected figures computed independently with the same formulas (pooled z, erfc for the p-value). */
class SignificanceTest {

    @Test
    void aThreePointLiftOnAThousandEachIsSignificantAtFivePercent() {
        Significance.Result result = Significance.test(100, 1_000, 130, 1_000);
        assertThat(result.rateA()).isEqualTo(0.10);
        assertThat(result.rateB()).isEqualTo(0.13);
        assertThat(result.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(result.z()).isCloseTo(2.102740605622114, within(1e-9));
        assertThat(result.pValue()).isCloseTo(0.03548845046647473, within(1e-6));
        assertThat(result.significantAt(0.05)).isTrue();
        assertThat(result.significantAt(0.01)).isFalse();
    }

    @Test
    void aDropIsNegativeAndTwoSided() {
        Significance.Result result = Significance.test(200, 400, 150, 400);
        assertThat(result.z()).isCloseTo(-3.5634832254989917, within(1e-9));
        assertThat(result.pValue()).isCloseTo(0.000365966091477992, within(1e-6));
    }

    @Test
    void unequalSamples() {
        Significance.Result result = Significance.test(12, 80, 25, 90);
        assertThat(result.z()).isCloseTo(2.0152055812590803, within(1e-9));
        assertThat(result.pValue()).isCloseTo(0.04388311297952463, within(1e-6));
    }

    @Test
    void equalRatesAreNotSignificant() {
        Significance.Result result = Significance.test(45, 300, 45, 300);
        assertThat(result.z()).isZero();
        assertThat(result.pValue()).isCloseTo(1.0, within(1e-6));
        assertThat(result.significantAt(0.05)).isFalse();
    }

    @Test
    void noDataMeansNoFigure() {
        assertThat(Significance.test(0, 0, 5, 10).pValue()).isNaN();
        assertThat(Significance.test(0, 10, 0, 10).z()).isNaN();
        assertThat(Significance.test(0, 0, 5, 10).significantAt(0.05)).isFalse();
    }

    @Test
    void erfcMatchesKnownValues() {
        assertThat(Significance.erfc(0)).isCloseTo(1.0, within(1e-7));
        assertThat(Significance.erfc(1)).isCloseTo(0.157299207050285, within(1e-7));
        assertThat(Significance.erfc(-1)).isCloseTo(1.842700792949715, within(1e-7));
        assertThat(Significance.erfc(3)).isCloseTo(2.209049699858544e-05, within(1e-9));
    }
}
