package io.assisthost.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One score component a {@link Scorer} assigns to one candidate.
 *
 * @param documentId the {@link Candidate#documentId()} of a candidate in the request
 * @param component  the component name: lower case letters, digits, {@code _} and {@code -}, starting
 *                   with a letter, at most 64 characters (for example {@code semantic}, {@code engagement}).
 *                   {@link Candidate#RELEVANCE} is reserved for the knowledge source
 * @param value      the score, 0 to 1 inclusive; never NaN
 */
public record Score(String documentId, String component, double value) {

    private static final Pattern COMPONENT = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** Validates the components. */
    public Score {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(component, "component");
        if (!COMPONENT.matcher(component).matches()) {
            throw new IllegalArgumentException("component name '" + component
                    + "' must match " + COMPONENT.pattern());
        }
        if (Candidate.RELEVANCE.equals(component)) {
            throw new IllegalArgumentException("component name 'relevance' is reserved for the knowledge source");
        }
        requireUnit(value, "value");
    }

    static void requireUnit(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
