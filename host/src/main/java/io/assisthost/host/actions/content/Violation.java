package io.assisthost.host.actions.content;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * One reason a card's HTML breaks the {@link ContentPolicy}.
 *
 * @param fragment the offending piece of the original input, verbatim, cut to at most
 *                 {@value #MAX_FRAGMENT} characters so that error responses stay small
 * @param reason   why it is refused, in words an author can act on
 */
public record Violation(String fragment, String reason) {

    /** The longest fragment a violation quotes. */
    public static final int MAX_FRAGMENT = 80;

    public Violation {
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(reason, "reason");
        // Cut rather than ellipsize: the fragment must stay a substring of what the author sent.
        fragment = fragment.length() > MAX_FRAGMENT ? fragment.substring(0, MAX_FRAGMENT) : fragment;
    }

    /** The reason followed by the quoted fragment, e.g. {@code script elements are not allowed: <script>}. */
    public String message() {
        return fragment.isEmpty() ? reason : reason + ": " + fragment;
    }

    /** A per-field error in the shape the HTTP API uses, with the fragment and reason kept apart. */
    public JsonObject toJson(String field) {
        return new JsonObject()
                .put("field", field)
                .put("message", message())
                .put("fragment", fragment)
                .put("reason", reason);
    }
}
