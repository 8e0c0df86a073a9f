package io.assisthost.api;

import java.util.Objects;

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

    private static final int MAX_COMPONENT_LENGTH = 64;

    /** Validates the components. */
    public Score {
        Objects.requireNonNull(documentId, "documentId");
        requireComponent(component);
        requireUnit(value, "value");
    }

    static void requireComponent(String component) {
        Objects.requireNonNull(component, "component");
        if (!validComponent(component)) {
            throw new IllegalArgumentException("component name '" + component
                    + "' must be 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter");
        }
        if (Candidate.RELEVANCE.equals(component)) {
            throw new IllegalArgumentException("component name 'relevance' is reserved for the knowledge source");
        }
    }

    /** Checked by hand: scorers create a score per candidate, and a regular expression costs far more. */
    private static boolean validComponent(String component) {
        int length = component.length();
        if (length == 0 || length > MAX_COMPONENT_LENGTH || component.charAt(0) < 'a' || component.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = component.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static void requireUnit(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
