package io.assisthost.host.testing;

import java.io.IOException;
import java.nio.file.Path;

/** Sources of the plugins the host tests build into real jars. */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** A scorer that gives every candidate its configured {@code value} (default 0.5) under {@code fixed}. */
    public static PluginJarBuilder goodScorer(String id) {
        String pkg = "test." + id.replace('-', '_');
        return PluginJarBuilder.plugin(id).source(pkg + ".FixedScorer", """
                package %s;

                import io.assisthost.api.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension(ordinal = 5)
                public class FixedScorer implements Scorer {
                    private final double value;

                    public FixedScorer(PluginContext context) {
                        this.value = context.config().getDouble("value", 0.5);
                    }

                    public List<Score> score(ScoreRequest request) {
                        return request.candidates().stream().map(c -> new Score(c.documentId(), "fixed", value)).toList();
                    }
                }
                """.formatted(pkg));
    }

    /** A scorer that always throws. */
    public static PluginJarBuilder throwingScorer() {
        return PluginJarBuilder.plugin("throwing").source("test.throwing.ThrowingScorer", """
                package test.throwing;

                import io.assisthost.api.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class ThrowingScorer implements Scorer {
                    public List<Score> score(ScoreRequest request) {
                        throw new IllegalStateException("scorer exploded");
                    }
                }
                """);
    }

    /**
     * A scorer that never returns until interrupted, then counts the interruption in its
     * {@code interrupted} metric.
     */
    public static PluginJarBuilder hangingScorer() {
        return PluginJarBuilder.plugin("hanging").source("test.hanging.HangingScorer", """
                package test.hanging;

                import io.assisthost.api.*;
                import java.util.List;
                import java.util.concurrent.CountDownLatch;
                import org.pf4j.Extension;

                @Extension
                public class HangingScorer implements Scorer {
                    private final PluginContext context;

                    public HangingScorer(PluginContext context) {
                        this.context = context;
                    }

                    public List<Score> score(ScoreRequest request) {
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            context.metrics().increment("interrupted");
                        }
                        return List.of();
                    }
                }
                """);
    }

    /** The system property that lets {@link #stuckScorer()}'s calls return. */
    public static final String STUCK_RELEASE = "assist.test.stuck.release";

    /**
     * A scorer that hangs and ignores interruption: each call holds its thread until the system property
     * {@value #STUCK_RELEASE} is {@code true}, so a test can let the threads go when it ends.
     */
    public static PluginJarBuilder stuckScorer() {
        return PluginJarBuilder.plugin("stuck").source("test.stuck.StuckScorer", """
                package test.stuck;

                import io.assisthost.api.*;
                import java.util.List;
                import java.util.concurrent.locks.LockSupport;
                import org.pf4j.Extension;

                @Extension
                public class StuckScorer implements Scorer {
                    public List<Score> score(ScoreRequest request) {
                        while (!Boolean.getBoolean("%s")) {
                            LockSupport.parkNanos(10_000_000L);
                            // Swallowing the interruption (a parked thread that stays interrupted would spin).
                            Thread.interrupted();
                        }
                        return List.of();
                    }
                }
                """.formatted(STUCK_RELEASE));
    }

    /** A scorer that scores a document that is not in the request. */
    public static PluginJarBuilder garbageScorer() {
        return PluginJarBuilder.plugin("garbage").source("test.garbage.GarbageScorer", """
                package test.garbage;

                import io.assisthost.api.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class GarbageScorer implements Scorer {
                    public List<Score> score(ScoreRequest request) {
                        return List.of(new Score("no-such-document", "garbage", 0.9));
                    }
                }
                """);
    }

    /**
     * A scorer that waits for the host's knowledge search to answer before scoring, so a test holds
     * a call in flight for as long as it keeps the search open.
     */
    public static PluginJarBuilder waitingScorer() {
        return PluginJarBuilder.plugin("waiting").source("test.waiting.WaitingScorer", """
                package test.waiting;

                import io.assisthost.api.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class WaitingScorer implements Scorer {
                    private final KnowledgeSearch knowledge;

                    public WaitingScorer(PluginContext context) {
                        this.knowledge = context.knowledge();
                    }

                    public List<Score> score(ScoreRequest request) {
                        knowledge.search(new KnowledgeQuery("kb", "q", request.context(), 1)).toCompletableFuture().join();
                        return List.of();
                    }
                }
                """);
    }

    /** A scorer whose constructor fails. */
    public static PluginJarBuilder explodingConstructor() {
        return PluginJarBuilder.plugin("exploding").source("test.exploding.ExplodingScorer", """
                package test.exploding;

                import io.assisthost.api.*;
                import java.util.List;
                import org.pf4j.Extension;

                @Extension
                public class ExplodingScorer implements Scorer {
                    public ExplodingScorer(PluginContext context) {
                        throw new IllegalArgumentException("missing setting 'model'");
                    }

                    public List<Score> score(ScoreRequest request) {
                        return List.of();
                    }
                }
                """);
    }

    /**
     * A scorer and a filter whose answers are computed as they are read and can be read only once, and only on
     * a plugin worker thread, like a buffer a plugin reuses for its next call: the scorer gives every candidate {@code once} 0.5, the
     * filter keeps only the best-ranked candidate.
     */
    public static PluginJarBuilder readOnce() {
        return PluginJarBuilder.plugin("read-once").source("test.once.ReadOnce", """
                package test.once;

                import io.assisthost.api.*;
                import java.util.*;
                import java.util.function.IntFunction;
                import org.pf4j.Extension;

                public class ReadOnce {
                    static <T> List<T> once(int size, IntFunction<T> element) {
                        return new AbstractList<T>() {
                            private int reads;

                            public T get(int index) {
                                if (index == 0 && ++reads > 1) {
                                    throw new IllegalStateException("read a second time");
                                }
                                if (!Thread.currentThread().getName().startsWith("assist-plugin-")) {
                                    throw new IllegalStateException("read on " + Thread.currentThread().getName());
                                }
                                return element.apply(index);
                            }

                            public int size() {
                                return size;
                            }
                        };
                    }

                    @Extension
                    public static class S implements Scorer {
                        public List<Score> score(ScoreRequest request) {
                            List<Candidate> candidates = request.candidates();
                            return once(candidates.size(), i -> new Score(candidates.get(i).documentId(), "once", 0.5));
                        }
                    }

                    @Extension
                    public static class F implements RecommendationFilter {
                        public List<FilterDecision> filter(FilterRequest request) {
                            List<Candidate> ranked = request.candidates();
                            return once(ranked.size() - 1,
                                    i -> FilterDecision.drop(ranked.get(i + 1).documentId(), "not the best"));
                        }
                    }
                }
                """);
    }

    /** One extension of every extension point, in one plugin. */
    public static PluginJarBuilder everyPoint(String id) {
        return PluginJarBuilder.plugin(id).source("test.every.Every", """
                package test.every;

                import io.assisthost.api.*;
                import java.util.*;
                import java.util.concurrent.*;
                import org.pf4j.Extension;

                public class Every {
                    @Extension
                    public static class S implements Scorer {
                        public List<Score> score(ScoreRequest request) { return List.of(); }
                    }

                    @Extension
                    public static class F implements RecommendationFilter {
                        public List<FilterDecision> filter(FilterRequest request) { return List.of(); }
                    }

                    @Extension
                    public static class B implements FallbackStrategy {
                        public CompletionStage<Optional<FallbackResult>> fallback(FallbackRequest request) {
                            return CompletableFuture.completedFuture(Optional.empty());
                        }
                    }

                    @Extension
                    public static class W implements WebhookSink {
                        public String type() { return "test"; }
                        public CompletionStage<DeliveryOutcome> deliver(WebhookDelivery delivery) {
                            return CompletableFuture.completedFuture(DeliveryOutcome.delivered(200));
                        }
                    }
                }
                """);
    }

    /** Writes a good scorer jar and returns its path. */
    public static Path good(Path dir, String id) throws IOException {
        return goodScorer(id).writeTo(dir);
    }
}
