package io.assisthost.host.actions;

import io.assisthost.host.BusReplies;
import io.assisthost.host.actions.content.BrowserMatrix;
import io.assisthost.host.actions.content.ContentPolicy;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.config.ActionOptions;
import io.assisthost.host.cluster.ClusterView;
import io.assisthost.host.engagement.ClusterEngagements;
import io.assisthost.host.engagement.Engagements;
import io.assisthost.host.genesys.TranscriptEvent;
import io.assisthost.host.store.Store;
import io.assisthost.host.webhooks.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assist-action feature assembled: validation, the catalog, the trigger engine and engagement,
 * with their event-bus addresses {@code assist.transcripts} and {@code assist.engagements}. At the
 * cluster's first start the sample definitions are created and deployed.
 */
public final class Actions {

    /** Transcript events in; the reply lists what triggered. */
    public static final String TRANSCRIPTS_ADDRESS = "assist.transcripts";
    /** Engagement events in; the reply (if asked for) is what was recorded. */
    public static final String ENGAGEMENTS_ADDRESS = "assist.engagements";

    private static final Logger LOG = LoggerFactory.getLogger(Actions.class);
    private static final String SYSTEM = "system";

    private final Vertx vertx;
    private final ActionOptions options;
    private final Store store;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Engagements engagements;
    private final ClusterView cluster;
    private ClusterEngagements clusterEngagements;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TranscriptRate rate;
    private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
    private final List<Consumer<Utterance>> utteranceListeners = new CopyOnWriteArrayList<>();
    private ActionValidator validator;
    private ActionCatalog catalog;
    private TriggerEngine engine;

    public Actions(Vertx vertx, ActionOptions options, Store store, AuditLog audit, Outbox outbox, Engagements engagements,
                   ClusterView cluster, Clock clock, MeterRegistry meters) {
        this.cluster = cluster;
        this.vertx = vertx;
        this.options = options;
        this.store = store;
        this.audit = audit;
        this.outbox = outbox;
        this.engagements = engagements;
        this.clock = clock;
        this.meters = meters;
        this.rate = new TranscriptRate(options.transcriptRatePerSecond(), options.transcriptBurst(), clock);
    }

    /** Reads the browser matrix, reconciles the catalog with the cluster, loads the samples if it is new. */
    public Future<Void> start() {
        return browsers()
                .compose(browsers -> {
                    validator = new ActionValidator(ContentPolicy.cards(), browsers);
                    catalog = new ActionCatalog(vertx, new ActionStore(store), audit, validator, clock);
                    clusterEngagements = new ClusterEngagements(vertx, engagements, cluster, json -> engine.latestTrigger(
                            json.getString("conversationId"), json.getString("action")));
                    engine = new TriggerEngine(vertx, engagements, audit, outbox, options.triggerWindow(), clock,
                            clusterEngagements::newTriggerId, meters);
                    catalog.onChange(engine::deploy);
                    return catalog.start();
                })
                .compose(v -> catalog.empty() ? loadSamples(options.samples()) : Future.succeededFuture())
                .compose(v -> listen());
    }

    /**
     * The browser matrix of {@code actions.browsers}; the one the host ships with when that file does
     * not exist. A file that exists but cannot be read or understood stops the start.
     */
    private Future<BrowserMatrix> browsers() {
        String file = options.browsers().toString();
        return vertx.fileSystem().exists(file).compose(exists -> {
            if (exists) {
                return vertx.fileSystem().readFile(file).map(buffer -> BrowserMatrix.read(buffer.toJsonObject()))
                        .recover(failure -> Future.failedFuture(new IllegalStateException("cannot use the browser matrix "
                                + file + " (actions.browsers): " + failure.getMessage(), failure)));
            }
            LOG.info("No browser matrix at {} (actions.browsers); using the one built in", file);
            return vertx.executeBlocking(() -> {
                try (InputStream in = BrowserMatrix.class.getResourceAsStream("browsers.json")) {
                    return BrowserMatrix.read(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }, false);
        });
    }

    /** Feeds an utterance from the Genesys notifications feed. */
    public void accept(TranscriptEvent event) {
        if (engine == null || event.ended() || event.text().isBlank()) {
            return;
        }
        engine.accept(TranscriptRequests.of(event), "genesys").onFailure(failure -> LOG.warn(
                "Transcript of conversation {} not evaluated: {}", event.conversationId(), failure.getMessage()));
    }

    /**
     * Evaluates a transcript event from the API or the bus; a conversation over
     * {@code actions.transcriptRatePerSecond} (after its burst) is refused with {@link Throttled}.
     */
    public Future<JsonObject> transcript(Object body, String origin) {
        Utterance utterance;
        try {
            utterance = TranscriptRequests.read(body);
        } catch (RuntimeException invalid) {
            return Future.failedFuture(invalid);
        }
        long wait = rate.acquire(utterance.conversationId());
        if (wait > 0) {
            return Future.failedFuture(new Throttled("conversation " + utterance.conversationId() + " sends more than "
                    + options.transcriptRatePerSecond() + " transcript events a second; send again in " + wait + " s", wait));
        }
        utteranceListeners.forEach(listener -> listener.accept(utterance));
        return engine.accept(utterance, origin);
    }

    /** Calls {@code listener} with every utterance that arrives over the API or the bus. */
    public void onUtterance(Consumer<Utterance> listener) {
        utteranceListeners.add(listener);
    }

    public ActionCatalog catalog() {
        return catalog;
    }

    public ActionValidator validator() {
        return validator;
    }

    public TriggerEngine engine() {
        return engine;
    }

    /** This node's engagement records. */
    public Engagements localEngagements() {
        return engagements;
    }

    /** Engagement events and figures, routed to the node that showed each card. */
    public ClusterEngagements engagements() {
        return clusterEngagements;
    }

    public Future<Void> close() {
        Future<Void> unregistered = Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
                .<Void>mapEmpty()
                .eventually(() -> clusterEngagements == null ? Future.succeededFuture() : clusterEngagements.close());
        return unregistered.eventually(() -> catalog == null ? Future.succeededFuture() : catalog.close())
                .eventually(() -> {
                    if (engine != null) {
                        engine.close();
                    }
                    return Future.succeededFuture();
                });
    }

    private Future<Void> listen() {
        consumers.add(vertx.eventBus().consumer(TRANSCRIPTS_ADDRESS,
                message -> BusReplies.answer(message, transcript(message.body(), "bus"), LOG)));
        consumers.add(vertx.eventBus().consumer(ENGAGEMENTS_ADDRESS,
                message -> BusReplies.answer(message, clusterEngagements.record(message.body(), "bus"), LOG)));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty()
                .compose(v -> clusterEngagements.start());
    }

    /** Creates and deploys every sample definition; a bad sample is logged and skipped. */
    private Future<Void> loadSamples(Path folder) {
        return vertx.fileSystem().exists(folder.toString()).compose(exists -> {
            if (!exists) {
                return Future.succeededFuture(List.<String>of());
            }
            return vertx.fileSystem().readDir(folder.toString(), ".*\\.json");
        }).compose(files -> {
            Future<Void> chain = Future.succeededFuture();
            for (String file : files.stream().sorted().toList()) {
                chain = chain.compose(v -> loadSample(file));
            }
            return chain;
        });
    }

    /**
     * A sample file holds one definition, or an array of versions of one action in order; the last
     * version is deployed with its rollout.
     */
    private Future<Void> loadSample(String file) {
        return vertx.fileSystem().readFile(file)
                .compose(buffer -> {
                    JsonArray versions = buffer.toString().stripLeading().startsWith("[") ? new JsonArray(buffer)
                            : new JsonArray().add(new JsonObject(buffer));
                    Future<ActionDocument> saved = Future.succeededFuture();
                    for (int i = 0; i < versions.size(); i++) {
                        Object body = versions.getValue(i);
                        saved = saved.compose(previous -> previous == null ? catalog.create(body, SYSTEM)
                                : catalog.addVersion(previous.name(), previous.etag(), body, SYSTEM));
                    }
                    return saved;
                })
                .compose(created -> catalog.deploy(created.name(), null,
                        new JsonObject().put("version", created.versions().get(created.versions().size() - 1)), SYSTEM))
                .onSuccess(deployed -> LOG.info("Sample action {} {} deployed", deployed.name(), deployed.deployedVersion()))
                .otherwise(failure -> {
                    LOG.warn("Sample action {} not loaded: {}", file, failure.getMessage());
                    return null;
                })
                .mapEmpty();
    }
}
