package io.assisthost.host.webhooks;

import io.assisthost.host.HostFailure;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of webhook sinks: the {@code webhook_sink} table and a copy in memory that the
 * dispatcher reads. Every change is written to the store first, then to memory, and audited with the
 * actor, before and after (secrets left out).
 */
public final class SinkRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRegistry.class);
    private static final Pattern CONFIG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String COLUMNS = "id, type, url, secret, previous_secret, previous_secret_until, event_types, "
            + "description, origin, enabled, disabled_reason, created_at, updated_at";

    private final Store store;
    private final AuditLog audit;
    private final Clock clock;
    private final SinkRequests requests;
    private final Duration rotation;
    private final Map<String, Sink> sinks = new ConcurrentHashMap<>();
    private final Object changing = new Object();
    // The last change of a sink's settings, which the next one waits for (guarded by changing).
    private Future<?> lastChange = Future.succeededFuture();
    private SinkReplica replica;
    private Consumer<String> removed = id -> { };

    public SinkRegistry(Store store, AuditLog audit, Clock clock, OutboundPolicy policy, Duration rotation) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.requests = new SinkRequests(policy);
        this.rotation = rotation;
    }

    /**
     * Loads the stored sinks and applies those from {@code host.json}: new ones are added, changed ones
     * updated (a changed secret rotates), and config sinks no longer in the file are removed.
     *
     * @throws HostFailure if a sink in the file is invalid (the host does not start)
     */
    public Future<Void> start(List<JsonObject> fromConfig) {
        List<Sink> configured = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < fromConfig.size(); i++) {
            JsonObject json = fromConfig.get(i).copy();
            Object id = json.remove("id");
            if (!(id instanceof String text) || !CONFIG_ID.matcher(text).matches()) {
                throw HostFailure.invalid("webhooks.sinks[" + i + "].id must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (json.getValue("secret") == null) {
                throw HostFailure.invalid("webhooks.sinks[" + i + "].secret is required (whsec_...)");
            }
            SinkRequests.Definition definition;
            try {
                definition = requests.parse(json, true);
            } catch (HostFailure invalid) {
                throw HostFailure.invalid("webhooks.sinks[" + i + "] (" + text + "): " + invalid.getMessage());
            }
            configured.add(new Sink(text, "http", definition.url(), definition.secret(), null, null,
                    definition.eventTypes(), definition.description(), Sink.ORIGIN_CONFIG,
                    definition.enabled() == null || definition.enabled(), null, now, now));
        }
        return store.read(SinkRegistry::loadAll).compose(stored -> {
            stored.forEach(sink -> sinks.put(sink.id(), sink));
            List<Future<?>> applied = new ArrayList<>();
            for (Sink wanted : configured) {
                applied.add(applyConfigured(wanted));
            }
            for (Sink existing : stored) {
                if (existing.origin().equals(Sink.ORIGIN_CONFIG) && configured.stream().noneMatch(s -> s.id().equals(existing.id()))) {
                    applied.add(remove(existing, "host.json"));
                }
            }
            return Future.all(applied).<Void>mapEmpty();
        }).onSuccess(v -> LOG.info("Webhook sinks: {} ({} from host.json)", sinks.size(), configured.size()));
    }

    /** Shares every change of a sink made through the API with the other nodes of the cluster. */
    void replicate(SinkReplica replica) {
        this.replica = replica;
    }

    /**
     * Applies another node's version of a sink made through the API (a tombstone when it was deleted),
     * unless this node's is as new; sinks of {@code host.json} keep their file's settings.
     */
    Future<Void> applyReplicated(JsonObject version) {
        // In turn with this node's own changes: a disable reading the sink before this lands would undo it.
        return serially(() -> {
            Sink local = sinks.get(version.getString("id"));
            Instant at = Instant.parse(version.getString("updatedAt"));
            if (local != null && (local.origin().equals(Sink.ORIGIN_CONFIG)
                    || local.origin().equals(Sink.ORIGIN_API) && !local.updatedAt().isBefore(at))) {
                return Future.<Void>succeededFuture();
            }
            if (version.getBoolean("deleted", false)) {
                // Audited on the node where it was deleted.
                return local == null ? Future.<Void>succeededFuture() : removeStored(local);
            }
            Sink sink = SinkJson.sink(version, Sink.ORIGIN_API);
            return store.write(connection -> {
                upsert(connection, sink);
                return null;
            }).onSuccess(v -> sinks.put(sink.id(), sink)).<Void>mapEmpty();
        });
    }

    /** The sink, or {@code null}. */
    public Sink get(String id) {
        return sinks.get(id);
    }

    public Collection<Sink> all() {
        return List.copyOf(sinks.values());
    }

    /** The public view of every sink, oldest first. */
    public JsonArray describe() {
        Instant now = clock.instant();
        JsonArray list = new JsonArray();
        sinks.values().stream().sorted(java.util.Comparator.comparing(Sink::createdAt).thenComparing(Sink::id))
                .forEach(sink -> list.add(sink.toJson(now)));
        return list;
    }

    /**
     * Creates a sink from an API request. A missing secret is generated; the answer then carries it,
     * the only time it is shown.
     */
    public Future<JsonObject> create(Object body, String actor) {
        SinkRequests.Definition definition = requests.parse(body, true);
        if (body instanceof JsonObject json && json.containsKey("id")) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("id", "is assigned by the host")));
        }
        Instant now = clock.instant();
        boolean generated = definition.secret() == null;
        String secret = generated ? WebhookSigner.newSecret() : definition.secret();
        Sink sink = new Sink("wh_" + UUID.randomUUID().toString().replace("-", ""), "http", definition.url(), secret,
                null, null, definition.eventTypes(), definition.description(), Sink.ORIGIN_API,
                definition.enabled() == null || definition.enabled(), null, now, now);
        return save(null, sink, actor).map(saved -> {
            JsonObject view = sink.toJson(now);
            if (generated) {
                view.put("secret", secret);
            }
            return view;
        });
    }

    /**
     * Updates a sink from an API request: fields given replace the current ones; a new secret starts a
     * rotation during which both secrets sign; {@code enabled: true} re-enables a disabled sink.
     */
    public Future<JsonObject> update(String id, Object body, String actor) {
        if (existing(id).origin().equals(Sink.ORIGIN_CONFIG)) {
            throw HostFailure.conflict("sink " + id + " is defined in host.json; change it there");
        }
        SinkRequests.Definition definition = requests.parse(body, false);
        if (body instanceof JsonObject json && json.containsKey("id") && !id.equals(json.getValue("id"))) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("id",
                    "must be the sink's own id, " + id + ", or left out")));
        }
        return serially(() -> {
            Sink current = existing(id);
            return save(current, merge(current, definition, clock.instant()), actor);
        }).map(sink -> sink.toJson(clock.instant()));
    }

    /** Deletes a sink and whatever was still to be delivered to it. */
    public Future<Boolean> delete(String id, String actor) {
        Sink known = sinks.get(id);
        if (known != null && known.origin().equals(Sink.ORIGIN_CONFIG)) {
            throw HostFailure.conflict("sink " + id + " is defined in host.json; remove it there");
        }
        return serially(() -> {
            Sink current = sinks.get(id);
            return current == null ? Future.succeededFuture(false) : remove(current, actor).map(true);
        });
    }

    /** Disables a sink the host gave up on (the receiver answered 410 Gone). */
    public Future<Void> disable(String id, String reason) {
        return serially(() -> {
            Sink current = sinks.get(id);
            if (current == null || !current.enabled()) {
                return Future.<Void>succeededFuture();
            }
            LOG.warn("Webhook sink {} ({}) disabled: {}", id, current.shownUrl(), reason);
            Sink disabled = new Sink(current.id(), current.type(), current.url(), current.secret(),
                    current.previousSecret(), current.previousSecretUntil(), current.eventTypes(), current.description(),
                    current.origin(), false, reason, current.createdAt(), clock.instant());
            return save(current, disabled, "assist-host").<Void>mapEmpty();
        });
    }

    /**
     * Runs changes of sinks one after the other, each reading the sink as the change before it left it:
     * started together (an operator's update and the dispatcher disabling the sink after a 410), both
     * would read it as it was, and the one stored last would undo the other.
     */
    private <T> Future<T> serially(Supplier<Future<T>> change) {
        synchronized (changing) {
            Future<T> result = lastChange.transform(ignored -> change.get());
            lastChange = result;
            return result;
        }
    }

    /**
     * Makes known the sink of a delivery taken over from a node that left, unless a sink with its id is
     * here already (a sink from {@code host.json} is on every node).
     */
    Future<Void> adopt(Sink handedOver) {
        if (sinks.containsKey(handedOver.id())) {
            return Future.succeededFuture();
        }
        return store.write(connection -> {
            upsert(connection, handedOver);
            return null;
        }).onSuccess(v -> sinks.putIfAbsent(handedOver.id(), handedOver)).mapEmpty();
    }

    /** The sink, or a not-found failure. */
    public Sink existing(String id) {
        Sink sink = sinks.get(id);
        if (sink == null) {
            throw HostFailure.notFound("there is no webhook sink " + id);
        }
        return sink;
    }

    private Future<Void> applyConfigured(Sink wanted) {
        Sink current = sinks.get(wanted.id());
        if (current == null) {
            return save(null, wanted, "host.json").mapEmpty();
        }
        if (!current.origin().equals(Sink.ORIGIN_CONFIG)) {
            throw HostFailure.conflict("webhooks.sinks id " + wanted.id() + " is already used by a sink created "
                    + "through the API");
        }
        SinkRequests.Definition definition = new SinkRequests.Definition(wanted.url(), wanted.secret(),
                wanted.eventTypes(), wanted.description(), wanted.enabled());
        Sink merged = merge(current, definition, clock.instant());
        if (sameSettings(current, merged)) {
            return Future.succeededFuture();
        }
        return save(current, merged, "host.json").mapEmpty();
    }

    private Sink merge(Sink current, SinkRequests.Definition definition, Instant now) {
        String secret = current.secret();
        String previous = current.previousSecret();
        Instant previousUntil = current.previousSecretUntil();
        if (definition.secret() != null && !definition.secret().equals(current.secret())) {
            secret = definition.secret();
            previous = current.secret();
            previousUntil = now.plus(rotation);
        }
        boolean enabled = definition.enabled() == null ? current.enabled() : definition.enabled();
        String disabledReason = null;
        if (!enabled) {
            disabledReason = current.enabled() ? "disabled by configuration" : current.disabledReason();
        }
        return new Sink(current.id(), current.type(), definition.url() == null ? current.url() : definition.url(), secret,
                previous, previousUntil,
                definition.eventTypes() == null ? current.eventTypes() : definition.eventTypes(),
                definition.description() == null ? current.description() : definition.description(), current.origin(),
                enabled, disabledReason, current.createdAt(), now);
    }

    private static boolean sameSettings(Sink a, Sink b) {
        return a.url().equals(b.url()) && a.secret().equals(b.secret()) && a.eventTypes().equals(b.eventTypes())
                && a.description().equals(b.description()) && a.enabled() == b.enabled();
    }

    private Future<Sink> save(Sink before, Sink after, String actor) {
        return store.write(connection -> {
            upsert(connection, after);
            return null;
        }).compose(v -> {
            sinks.put(after.id(), after);
            return audit.append(change(actor, after.id(), before == null ? "created" : "updated", before, after));
        }).compose(v -> share(after, replica == null ? null : () -> replica.changed(after))).map(after);
    }

    private Future<Void> remove(Sink sink, String actor) {
        Instant at = clock.instant();
        return removeStored(sink).compose(v -> audit.append(change(actor, sink.id(), "deleted", sink, null)))
                .compose(v -> share(sink, replica == null ? null : () -> replica.deleted(sink.id(), at)));
    }

    /**
     * Tells the other nodes about a change of a sink made through the API. The change stands here
     * whatever happens: a node that missed it catches up when it next starts.
     */
    private Future<Void> share(Sink sink, java.util.function.Supplier<Future<Void>> sharing) {
        if (sharing == null || !sink.origin().equals(Sink.ORIGIN_API)) {
            return Future.succeededFuture();
        }
        return sharing.get().otherwise(failure -> {
            LOG.warn("Webhook sink {} changed here but the cluster was not told: {}", sink.id(), failure.getMessage());
            return null;
        });
    }

    private Future<Void> removeStored(Sink sink) {
        return store.write(connection -> {
            for (String table : List.of("delivery", "delivery_attempt", "webhook_sink")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE "
                        + (table.equals("webhook_sink") ? "id" : "sink_id") + " = ?")) {
                    delete.setString(1, sink.id());
                    delete.executeUpdate();
                }
            }
            return null;
        }).onSuccess(v -> {
            sinks.remove(sink.id());
            // A sink of the API is gone from every node; one of host.json only from this node's file.
            if (sink.origin().equals(Sink.ORIGIN_API)) {
                removed.accept(sink.id());
            }
        }).mapEmpty();
    }

    /** Tells {@code listener} the id of each sink of the API removed, here or after another node deleted it. */
    void onRemoved(Consumer<String> listener) {
        this.removed = listener;
    }

    private AuditRecord change(String actor, String id, String what, Sink before, Sink after) {
        Instant now = clock.instant();
        JsonObject details = new JsonObject().put("change", what)
                .put("before", before == null ? null : before.toJson(now))
                .put("after", after == null ? null : after.toJson(now));
        if (before != null && after != null && !before.secret().equals(after.secret())) {
            details.put("secretRotated", true);
        }
        return new AuditRecord("config", actor, null, null, "webhook:" + id, details);
    }

    private static void upsert(Connection connection, Sink sink) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT OR REPLACE INTO webhook_sink (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, sink.id());
            statement.setString(2, sink.type());
            statement.setString(3, sink.url());
            statement.setString(4, sink.secret());
            statement.setString(5, sink.previousSecret());
            statement.setObject(6, sink.previousSecretUntil() == null ? null : sink.previousSecretUntil().toEpochMilli());
            statement.setString(7, new JsonArray(sink.eventTypes()).encode());
            statement.setString(8, sink.description());
            statement.setString(9, sink.origin());
            statement.setInt(10, sink.enabled() ? 1 : 0);
            statement.setString(11, sink.disabledReason());
            statement.setString(12, sink.createdAt().toString());
            statement.setString(13, sink.updatedAt().toString());
            statement.executeUpdate();
        }
    }

    private static List<Sink> loadAll(Connection connection) throws SQLException {
        List<Sink> loaded = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM webhook_sink");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long until = rows.getLong("previous_secret_until");
                boolean hasUntil = !rows.wasNull();
                loaded.add(new Sink(rows.getString("id"), rows.getString("type"), rows.getString("url"),
                        rows.getString("secret"), rows.getString("previous_secret"),
                        hasUntil ? Instant.ofEpochMilli(until) : null,
                        new JsonArray(rows.getString("event_types")).stream().map(String.class::cast).toList(),
                        rows.getString("description"), rows.getString("origin"), rows.getInt("enabled") == 1,
                        rows.getString("disabled_reason"), Instant.parse(rows.getString("created_at")),
                        Instant.parse(rows.getString("updated_at"))));
            }
        }
        return loaded;
    }
}
