package io.assisthost.api;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One score component for every candidate of a {@link ScoreRequest}, as an array of primitive values in
 * the request's order: the answer of a {@link Scorer} that scores all candidates, without one
 * {@link Score} object per candidate. It is the {@code List<Score>} the scorer returns: element
 * {@code i} is the score of the request's candidate {@code i}; the host reads the values straight from
 * the array, other readers get {@code Score}s made on demand.
 *
 * <p>Example:
 * <pre>{@code
 * public List<Score> score(ScoreRequest request) {
 *     double[] values = new double[request.candidates().size()];
 *     for (int i = 0; i < values.length; i++) {
 *         values[i] = request.candidates().get(i).version() == null ? 0.5 : 1.0;
 *     }
 *     return ScoreColumn.of(request, "freshness", values);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreColumn extends AbstractList<Score> implements RandomAccess {

    private final List<Candidate> candidates;
    private final String component;
    private final double[] values;

    private ScoreColumn(List<Candidate> candidates, String component, double[] values) {
        this.candidates = candidates;
        this.component = component;
        this.values = values;
    }

    /**
     * @param request   the request the values are for
     * @param component the component name, as {@link Score#component()} requires
     * @param values    the value of each of the request's candidates, in their order, each 0 to 1 and never
     *                  NaN; copied
     * @return the column
     * @throws IllegalArgumentException if the name or a value is invalid, or there is not one value per
     *                                  candidate
     */
    public static ScoreColumn of(ScoreRequest request, String component, double[] values) {
        Objects.requireNonNull(request, "request");
        Score.requireComponent(component);
        List<Candidate> candidates = request.candidates();
        if (values.length != candidates.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + values.length + " values");
        }
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] >= 0.0 && copy[i] <= 1.0)) {
                Score.requireUnit(copy[i], "value of " + candidates.get(i).documentId());
            }
        }
        return new ScoreColumn(candidates, component, copy);
    }

    /**
     * @param request a request
     * @return whether these are the scores of that request's candidates, in its order
     */
    public boolean isFor(ScoreRequest request) {
        return request.candidates() == candidates;
    }

    /** @return the component name */
    public String component() {
        return component;
    }

    /**
     * @param index the position of a candidate in the request
     * @return its value
     * @throws IndexOutOfBoundsException if there is no candidate at {@code index}
     */
    public double value(int index) {
        return values[index];
    }

    @Override
    public Score get(int index) {
        return new Score(candidates.get(index).documentId(), component, values[index]);
    }

    @Override
    public int size() {
        return values.length;
    }
}
