package io.assisthost.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitTest {

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private static GroupCommit<Integer, Integer> audit(Vertx vertx, Store store) {
        return new GroupCommit<>(vertx, store, (connection, batch) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log "
                    + "(id, at, kind, details, prev_hash, hash) VALUES (?, 'now', 'config', '{}', 'x', 'y')")) {
                for (int id : batch) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return batch;
        });
    }

    @Test
    void itemsSubmittedTogetherAreWrittenAndEachGetsItsOwnResult() {
        Store store = SqliteStore.open(vertx, dataDir).await();
        GroupCommit<Integer, Integer> commits = audit(vertx, store);
        List<Future<Integer>> submitted = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            submitted.add(commits.submit(id));
        }
        Future.all(submitted).await();
        for (int id = 1; id <= 100; id++) {
            assertThat(submitted.get(id - 1).result()).isEqualTo(id);
        }
        store.close().await();
    }

    @Test
    void aStoreThatClosedFailsEverySubmissionInsteadOfLeavingItWaiting() {
        Store store = SqliteStore.open(vertx, dataDir).await();
        GroupCommit<Integer, Integer> commits = audit(vertx, store);
        store.close().await();

        for (int attempt = 1; attempt <= 3; attempt++) {
            Future<Integer> refused = commits.submit(attempt);
            Future.join(List.of(refused)).otherwiseEmpty().await();
            assertThat(refused.failed()).as("submission %d", attempt).isTrue();
            assertThat(refused.cause()).hasMessageContaining("closed");
        }
    }
}
