package io.assisthost.host.http;

import io.assisthost.host.config.ApiOptions.Scope;

/**
 * A token the API accepts: its name (the actor the audit log records), its scope and its secret value.
 * {@link #toString()} never shows the value.
 */
public record ApiToken(String name, Scope scope, String secret) {

    public ApiToken {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("API token " + name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ApiToken[" + name + ", " + scope.label() + ", ***]";
    }
}
