package io.assisthost.host.plugins;

import io.assisthost.host.metrics.LatencyBoard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls plugin code in isolation: on the bounded {@code assist-plugin} pool (never on the caller's
 * event loop), under a time budget (an overrunning thread is interrupted), through the plugin's
 * in-flight gate (so a stop can drain), and with every outcome recorded in the plugin's health (so
 * repeated failures quarantine it). Results come back on the caller's Vert.x context.
 */
public final class PluginInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(PluginInvoker.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final Vertx vertx;
    private volatile LatencyBoard board;
    private final Duration budget;
    private final ExecutorService pool;
    // A plugin stuck past interruption keeps each thread it gets: once such calls hold half the pool, the
    // plugin's next calls get none. Calls it was given before its first overran are not taken back.
    private final int overrunsPerPlugin;

    public PluginInvoker(Vertx vertx, int poolSize, Duration budget) {
        this.vertx = vertx;
        this.budget = budget;
        this.overrunsPerPlugin = Math.max(1, poolSize / 2);
        this.pool = new ThreadPoolExecutor(poolSize, poolSize, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), namedThreads("assist-plugin-"));
    }

    /** The default time budget of one call. */
    public Duration budget() {
        return budget;
    }

    /** Records every call's latency and outcome on {@code board} from now on. */
    public PluginInvoker recordInto(LatencyBoard board) {
        this.board = board;
        return this;
    }

    /**
     * Calls a synchronous extension method under the default budget.
     *
     * @param validator returns why a result breaks the contract, or {@code null} if it is fine
     * @return the result, or a failed future with a {@link PluginCallException}
     */
    public <T, R> Future<R> call(PluginExtension<T> extension, Function<T, R> call, Function<R, String> validator) {
        return callAsync(extension, instance -> CompletableFuture.completedFuture(call.apply(instance)), validator, budget);
    }

    /**
     * Calls an extension method that returns a stage; the budget runs until the stage completes.
     *
     * @param validator returns why a result breaks the contract, or {@code null} if it is fine
     * @return the result, or a failed future with a {@link PluginCallException}
     */
    public <T, R> Future<R> callAsync(PluginExtension<T> extension, Function<T, CompletionStage<R>> call,
                                      Function<R, String> validator, Duration timeBudget) {
        PluginRuntime runtime = extension.runtime();
        if (!runtime.health().admits()) {
            return Future.failedFuture(new PluginCallException(extension, PluginCallException.Reason.QUARANTINED,
                    "quarantined until " + runtime.health().quarantinedUntil()));
        }
        if (runtime.overrunning().get() >= overrunsPerPlugin) {
            // Refused before it costs a queue slot, a timer and two hops; a worker checks again as it starts.
            return Future.failedFuture(new PluginCallException(extension, PluginCallException.Reason.SATURATED,
                    new AtCapacity(overrunsPerPlugin).getMessage()));
        }
        if (!runtime.gate().enter()) {
            return Future.failedFuture(new PluginCallException(extension, PluginCallException.Reason.STOPPING,
                    "plugin is stopping"));
        }
        Context context = vertx.getOrCreateContext();
        Attempt<R> attempt = new Attempt<>(runtime.gate(), runtime.overrunning(), overrunsPerPlugin);
        try {
            pool.execute(() -> attempt.run(extension.instance(), call));
        } catch (RejectedExecutionException e) {
            attempt.abandon();
            return Future.failedFuture(new PluginCallException(extension, PluginCallException.Reason.SATURATED,
                    "plugin worker pool is saturated"));
        }
        long started = System.nanoTime();
        long timer = vertx.setTimer(timeBudget.toMillis(), id -> attempt.expire(timeBudget));
        attempt.result.whenComplete((value, failure) -> vertx.cancelTimer(timer));
        return Future.fromCompletionStage(attempt.result, context)
                .transform(outcome -> outcome.succeeded()
                        ? validate(extension, outcome.result(), validator)
                        : Future.failedFuture(failure(extension, outcome.cause())))
                .andThen(result -> {
                    LatencyBoard recording = board;
                    if (recording != null) {
                        recording.record(LatencyBoard.PLUGIN, extension.pluginId(), System.nanoTime() - started,
                                result.succeeded());
                    }
                });
    }

    /** Stops the pool, interrupting plugin code still running. */
    public void close() {
        pool.shutdownNow();
    }

    private <T, R> Future<R> validate(PluginExtension<T> extension, R value, Function<R, String> validator) {
        String problem = value == null ? "returned null" : validator.apply(value);
        if (problem != null) {
            return Future.failedFuture(failure(extension, PluginCallException.Reason.INVALID_RESULT, problem));
        }
        extension.runtime().health().recordSuccess();
        return Future.succeededFuture(value);
    }

    private PluginCallException failure(PluginExtension<?> extension, Throwable cause) {
        Throwable unwrapped = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (unwrapped instanceof NeverStarted || unwrapped instanceof AtCapacity) {
            // The plugin was not called: calls stuck past interruption held every worker, or as many as one
            // plugin's calls may hold (its own, then).
            PluginCallException exception = new PluginCallException(extension, PluginCallException.Reason.SATURATED,
                    unwrapped.getMessage());
            LOG.warn("Plugin call not made: {}", exception.getMessage());
            return exception;
        }
        if (unwrapped instanceof BudgetExceeded exceeded) {
            return failure(extension, PluginCallException.Reason.TIMED_OUT, exceeded.getMessage());
        }
        return failure(extension, PluginCallException.Reason.THREW, String.valueOf(unwrapped));
    }

    private PluginCallException failure(PluginExtension<?> extension, PluginCallException.Reason reason, String message) {
        PluginCallException exception = new PluginCallException(extension, reason, message);
        boolean quarantined = extension.runtime().health().recordFailure(reason, message);
        LOG.warn("Plugin call failed: {}", exception.getMessage());
        if (quarantined) {
            LOG.error("Plugin {} quarantined until {} after repeated failures", extension.pluginId(),
                    extension.runtime().health().quarantinedUntil());
        }
        return exception;
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** As many of the plugin's calls as one plugin may hold still run past their budget: they are stuck. */
    private static final class AtCapacity extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AtCapacity(int calls) {
            super(calls + " of its calls still run past their budget, the most one plugin may", null, false, false);
        }
    }

    /** The budget elapsed while the call still waited for a worker thread. */
    private static final class NeverStarted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeverStarted(Duration budget) {
            super("waited " + budget.toMillis() + " ms for a plugin worker thread, all busy", null, false, false);
        }
    }

    /** The overrun marker: the budget elapsed before the plugin answered. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(Duration budget) {
            super("no result within " + budget.toMillis() + " ms", null, false, false);
        }
    }

    /**
     * One call's lifecycle. The gate is left once both the worker task has ended and the result has
     * settled, so that a drain waits for plugin code that is still running.
     */
    private static final class Attempt<R> {
        final CompletableFuture<R> result = new CompletableFuture<>();
        private final InFlightGate gate;
        // The plugin's calls still running past their budget, and how many may before the next is refused.
        private final AtomicInteger overrunning;
        private final int overrunsAtMost;
        private final AtomicInteger pending = new AtomicInteger(2);
        private Thread worker;
        private boolean began;
        private boolean expired;
        private boolean overrun;

        Attempt(InFlightGate gate, AtomicInteger overrunning, int overrunsAtMost) {
            this.gate = gate;
            this.overrunning = overrunning;
            this.overrunsAtMost = overrunsAtMost;
            result.whenComplete((value, failure) -> leave());
        }

        <T> void run(T instance, Function<T, CompletionStage<R>> call) {
            if (!begin()) {
                leave();
                return;
            }
            try {
                CompletionStage<R> stage = call.apply(instance);
                if (stage == null) {
                    result.complete(null);
                } else {
                    stage.whenComplete((value, failure) -> settle(value, failure));
                }
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            } finally {
                end();
                leave();
            }
        }

        void expire(Duration budget) {
            boolean waiting;
            synchronized (this) {
                // Decided under the lock begin() takes: once expired here, the call never starts.
                waiting = !began;
                expired = true;
                if (worker != null && !result.isDone()) {
                    overrun = true;
                    overrunning.incrementAndGet();
                }
            }
            if (result.completeExceptionally(waiting ? new NeverStarted(budget) : new BudgetExceeded(budget))) {
                interruptWorker();
            }
        }

        void abandon() {
            result.cancel(false);
            leave();
        }

        private void settle(R value, Throwable failure) {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }

        private boolean begin() {
            synchronized (this) {
                if (expired || result.isDone()) {
                    return false;
                }
                if (overrunning.get() >= overrunsAtMost) {
                    expired = true;
                } else {
                    began = true;
                    worker = Thread.currentThread();
                    return true;
                }
            }
            result.completeExceptionally(new AtCapacity(overrunsAtMost));
            return false;
        }

        private void end() {
            synchronized (this) {
                worker = null;
                if (overrun) {
                    overrunning.decrementAndGet();
                }
            }
            // A late interrupt must not leak into the next task on this pool thread.
            Thread.interrupted();
        }

        private synchronized void interruptWorker() {
            if (worker != null) {
                worker.interrupt();
            }
        }

        private void leave() {
            if (pending.decrementAndGet() == 0) {
                gate.exit();
            }
        }
    }
}
