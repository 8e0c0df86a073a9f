package io.assisthost.host.sandbox;

/** An error the emulator answers with Genesys' error body. */
final class EmulatorError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final Integer retryAfterSeconds;

    EmulatorError(int status, String code, String message) {
        this(status, code, message, null);
    }

    EmulatorError(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static EmulatorError badRequest(String message) {
        return new EmulatorError(400, "bad.request", message);
    }

    static EmulatorError notFound(String message) {
        return new EmulatorError(404, "not.found", message);
    }
}
