package io.assisthost.host;

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
        TOO_LARGE(413),
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
    }

    private final Code code;

    public HostFailure(Code code, String message) {
        super(message);
        this.code = code;
    }

    public HostFailure(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
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
