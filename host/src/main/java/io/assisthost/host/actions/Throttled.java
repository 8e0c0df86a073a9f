package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;

/** A request refused because its sender is over its rate: 429, with the seconds to wait before the next. */
public final class Throttled extends HostFailure {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public Throttled(String message, long retryAfterSeconds) {
        super(Code.THROTTLED, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until a request would be admitted again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
