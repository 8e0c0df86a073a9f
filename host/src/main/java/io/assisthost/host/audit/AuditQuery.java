package io.assisthost.host.audit;

import io.assisthost.host.HostFailure;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * A page of the audit log, newest first: optional filters on interaction, action, kind and time, and a
 * cursor (the id to continue before).
 */
public record AuditQuery(String conversationId, String action, String kind, Instant from, Instant to, Long before,
                         int limit) {

    private static final Set<String> PARAMETERS = Set.of("interaction", "action", "kind", "from", "to", "cursor", "limit");

    /** Reads {@code GET /api/v1/audit} parameters; fails naming every bad one. */
    public static AuditQuery of(MultiMap parameters) {
        JsonArray errors = new JsonArray();
        parameters.names().stream().filter(name -> !PARAMETERS.contains(name)).sorted()
                .forEach(name -> errors.add(HostFailure.fieldError(name, "is not a known parameter")));
        Instant from = instant(parameters.get("from"), "from", errors);
        Instant to = instant(parameters.get("to"), "to", errors);
        Long before = null;
        String cursor = parameters.get("cursor");
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                errors.add(HostFailure.fieldError("cursor", "must be the cursor of a previous page"));
            }
        }
        int limit = 100;
        String limitText = parameters.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 500) {
                errors.add(HostFailure.fieldError("limit", "must be a whole number from 1 to 500"));
            }
        }
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
        return new AuditQuery(parameters.get("interaction"), parameters.get("action"), parameters.get("kind"), from, to,
                before, limit);
    }

    private static Instant instant(String text, String name, JsonArray errors) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(HostFailure.fieldError(name, "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z"));
            return null;
        }
    }
}
