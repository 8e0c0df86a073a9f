package io.assisthost.host.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Batches writes into shared transactions: every commit is synced to disk, so items that arrive while
 * one transaction is being written go into the next one together. Each item completes once its
 * transaction has committed, with the result the batch writer produced for it.
 *
 * @param <I> the item written
 * @param <O> what the writer returns for each item
 */
public final class GroupCommit<I, O> {

    /** Writes one batch in one transaction; returns one result per item, in order. */
    @FunctionalInterface
    public interface BatchWriter<I, O> {
        List<O> write(Connection connection, List<I> batch) throws SQLException;
    }

    private record Pending<I, O>(I item, CompletableFuture<O> done) {
    }

    private final Vertx vertx;
    private final Store store;
    private final BatchWriter<I, O> writer;
    private final List<Pending<I, O>> queue = new ArrayList<>();
    private boolean flushScheduled;

    public GroupCommit(Vertx vertx, Store store, BatchWriter<I, O> writer) {
        this.vertx = vertx;
        this.store = store;
        this.writer = writer;
    }

    /** Queues an item for the next transaction; completes once it is committed. */
    public Future<O> submit(I item) {
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        boolean schedule;
        synchronized (queue) {
            queue.add(pending);
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            flush();
        }
        return Future.fromCompletionStage(pending.done(), vertx.getOrCreateContext());
    }

    private void flush() {
        List<Pending<I, O>> batch = new ArrayList<>();
        store.write(connection -> {
            synchronized (queue) {
                batch.addAll(queue);
                queue.clear();
                flushScheduled = false;
            }
            return writer.write(connection, batch.stream().map(Pending::item).toList());
        }).onComplete(result -> {
            if (result.failed() && batch.isEmpty()) {
                // The work never ran (the store closed first): what waits fails, and later items get a flush.
                synchronized (queue) {
                    batch.addAll(queue);
                    queue.clear();
                    flushScheduled = false;
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                if (result.succeeded()) {
                    batch.get(i).done().complete(result.result().get(i));
                } else {
                    batch.get(i).done().completeExceptionally(result.cause());
                }
            }
        });
    }
}
