package io.assisthost.host.actions;

import io.assisthost.host.store.Store;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** This node's durable copy of the action documents. */
final class ActionStore {

    private final Store store;

    ActionStore(Store store) {
        this.store = store;
    }

    /** Every action this node knows, retired ones included. */
    Future<List<ActionDocument>> loadAll() {
        return store.read(connection -> {
            List<ActionDocument> documents = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT document FROM action ORDER BY name");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    documents.add(ActionDocument.decode(rows.getString(1)));
                }
            }
            return documents;
        });
    }

    /**
     * Keeps {@code document} unless this node already holds the same or a later revision of it, which
     * happens when a change made elsewhere arrives after a newer one.
     */
    Future<Void> save(ActionDocument document, Instant now) {
        return store.write(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO action (name, revision, document, updated_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, document = excluded.document, "
                            + "updated_at = excluded.updated_at WHERE excluded.revision > action.revision")) {
                upsert.setString(1, document.name());
                upsert.setLong(2, document.revision());
                upsert.setString(3, document.encode());
                upsert.setString(4, now.toString());
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
