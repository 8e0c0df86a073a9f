package io.assisthost.host.engagement;

/**
 * The two-proportion z-test: whether two variants' rates (accepted of rendered, say) differ by more
 * than chance would explain. Uses the pooled proportion for the standard error, as the textbook test
 * of equal proportions does.
 */
public final class Significance {

    /** The test's outcome; {@code z} and {@code pValue} are {@code NaN} when either sample is empty or nothing varies. */
    public record Result(double rateA, double rateB, double difference, double z, double pValue) {

        /** Whether the difference is significant at the given level (e.g. 0.05). */
        public boolean significantAt(double alpha) {
            return !Double.isNaN(pValue) && pValue < alpha;
        }
    }

    private Significance() {
    }

    /**
     * Compares {@code successesB} of {@code trialsB} against {@code successesA} of {@code trialsA}.
     *
     * @return the rates, B minus A, the z statistic and the two-sided p-value
     */
    public static Result test(long successesA, long trialsA, long successesB, long trialsB) {
        double rateA = trialsA == 0 ? Double.NaN : (double) successesA / trialsA;
        double rateB = trialsB == 0 ? Double.NaN : (double) successesB / trialsB;
        double difference = rateB - rateA;
        if (trialsA == 0 || trialsB == 0) {
            return new Result(rateA, rateB, difference, Double.NaN, Double.NaN);
        }
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        if (standardError == 0) {
            return new Result(rateA, rateB, difference, Double.NaN, Double.NaN);
        }
        double z = difference / standardError;
        return new Result(rateA, rateB, difference, z, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * The complementary error function, from the Chebyshev fit in Numerical Recipes (fractional error
     * under 1.2e-7 everywhere), which is ample for a p-value.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double value = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? value : 2 - value;
    }
}
