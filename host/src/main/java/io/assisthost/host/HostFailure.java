package io.assisthost.host;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A request the host refuses or cannot serve, with the failure code that HTTP sends as the status of a
 * problem+json response and the event bus as the code of a {@code ReplyException}.
 */
public class HostFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The documented failure codes. */
    public enum Code {
        INVALID(400),
        NOT_FOUND(404),
        CONFLICT(409),
        /** An {@code If-Match} that names a revision other than the current one. */
        PRECONDITION_FAILED(412),
        TOO_LARGE(413),
        /** A change of a guarded resource without {@code If-Match}. */
        PRECONDITION_REQUIRED(428),
        THROTTLED(429),
        INTERNAL(500),
        UNAVAILABLE(503);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        /** The HTTP status and event-bus failure code. */
        public int status() {
            return status;
        }

        /** The code of a status or bus failure code; {@link #INTERNAL} for any other. */
        public static Code of(int status) {
            for (Code code : values()) {
                if (code.status == status) {
                    return code;
                }
            }
            return INTERNAL;
        }
    }

    private final Code code;
    private final JsonArray errors;

    public HostFailure(Code code, String message) {
        this(code, message, null, null);
    }

    public HostFailure(Code code, String message, Throwable cause) {
        this(code, message, cause, null);
    }

    private HostFailure(Code code, String message, Throwable cause, JsonArray errors) {
        super(message, cause);
        this.code = code;
        this.errors = errors == null ? new JsonArray() : errors.copy();
    }

    public Code code() {
        return code;
    }

    /** Per-field problems ({@code field}, {@code message}) of an invalid request; empty otherwise. */
    public JsonArray errors() {
        return errors.copy();
    }

    /** One entry of {@link #errors()}: a bad field and why. */
    public static JsonObject fieldError(String field, String message) {
        return new JsonObject().put("field", field).put("message", message);
    }

    /** An invalid request with one entry per bad field; the message lists them all. */
    public static HostFailure invalidFields(JsonArray errors) {
        StringBuilder message = new StringBuilder("invalid request: ");
        for (int i = 0; i < errors.size(); i++) {
            JsonObject error = errors.getJsonObject(i);
            message.append(i == 0 ? "" : "; ").append(error.getString("field")).append(' ').append(error.getString("message"));
        }
        return new HostFailure(Code.INVALID, message.toString(), null, errors);
    }

    public static HostFailure invalid(String message) {
        return new HostFailure(Code.INVALID, message);
    }

    public static HostFailure notFound(String message) {
        return new HostFailure(Code.NOT_FOUND, message);
    }

    public static HostFailure conflict(String message) {
        return new HostFailure(Code.CONFLICT, message);
    }
}
