package io.assisthost.host;

import io.assisthost.host.actions.Actions;
import io.assisthost.host.cluster.ClusterView;
import io.assisthost.host.cluster.HazelcastClusterView;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.engagement.Engagements;
import io.assisthost.host.genesys.GenesysRuntime;
import io.assisthost.host.genesys.TranscriptEvent;
import io.assisthost.host.http.ApiRouter;
import io.assisthost.host.http.ApiToken;
import io.assisthost.host.http.ApiTokenStore;
import io.assisthost.host.http.Problems;
import io.assisthost.host.http.Readiness;
import io.assisthost.host.http.VertxHttpSender;
import io.assisthost.host.metrics.LatencyBoard;
import io.assisthost.host.metrics.LatencyPublisher;
import io.assisthost.host.metrics.Metrics;
import io.assisthost.host.plugins.PluginHost;
import io.assisthost.host.plugins.PluginInvoker;
import io.assisthost.host.plugins.PluginServices;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.recommend.RecommendationAudit;
import io.assisthost.host.recommend.RecommendationEvents;
import io.assisthost.host.recommend.Recommendations;
import io.assisthost.host.recommend.SandboxSubscriptions;
import io.assisthost.host.store.SqliteStore;
import io.assisthost.host.store.Store;
import io.assisthost.host.webhooks.OutboundPolicy;
import io.assisthost.host.webhooks.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the host together and starts it in order: data directory, API token, store and audit log,
 * Genesys (the emulator first in sandbox mode), recommendations, plugins, HTTP server.
 * Stopping it (on undeploy, or when Vert.x closes at SIGTERM) stops the plugins after the HTTP server
 * has closed.
 */
public final class HostVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HostVerticle.class);

    private final HostConfig config;
    private final Metrics metrics;
    private final Clock clock;
    private final PrintStream console;
    private final Readiness readiness = new Readiness();

    private ClusterView cluster;
    private GenesysBoot genesys;
    private GenesysRuntime genesysRuntime;
    private PluginServices services;
    private Recommendations recommendations;
    private SandboxSubscriptions sandboxSubscriptions;
    private Store store;
    private AuditLog audit;
    private Webhooks webhooks;
    private Actions actions;
    private Housekeeping housekeeping;
    private LatencyBoard board;
    private LatencyPublisher latency;
    private PluginInvoker invoker;
    private PluginHost plugins;
    private HttpServer server;
    private ApiRouter router;
    private List<ApiToken> apiTokens;

    public HostVerticle(HostConfig config, Metrics metrics, Clock clock, PrintStream console) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.console = console;
    }

    @Override
    public Future<?> start() {
        cluster = HazelcastClusterView.of(vertx);
        WebClient webClient = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("assist-host/" + HostVersion.current()));
        OutboundPolicy outbound = new OutboundPolicy(config.webhooks().allowHosts());
        services = new PluginServices(config.plugins(), new VertxHttpSender(vertx, webClient, outbound), clock,
                metrics.registry());
        board = new LatencyBoard(clock);
        invoker = new PluginInvoker(vertx, config.plugins().workerPoolSize(), config.plugins().callTimeout())
                .recordInto(board);
        plugins = new PluginHost(vertx, config.plugins(), HostVersion.forPlugins(), services);
        genesys = new GenesysBoot(vertx, config, clock);
        Counter transcripts = metrics.registry().counter("assist.transcripts.received");
        readiness.register("cluster", cluster::joined).register("plugins", plugins::loaded)
                .register("genesys", () -> genesysRuntime != null && genesysRuntime.tokens().valid())
                .register("store", () -> store != null && store.isOpen());
        return vertx.fileSystem().mkdirs(config.dataDir().toString())
                .compose(v -> resolveToken())
                .compose(v -> SqliteStore.open(vertx, config.dataDir(), config.dataMaxSizeBytes()))
                .map(opened -> {
                    store = opened;
                    audit = new AuditLog(vertx, opened, clock);
                    webhooks = new Webhooks(vertx, opened, audit, config.webhooks(), outbound, plugins::registry, invoker,
                            cluster, clock, metrics.registry(), board);
                    return null;
                })
                .compose(v -> genesys.start(event -> {
                    transcripts.increment();
                    if (recommendations != null) {
                        recommendations.accept(event);
                        if (sandboxSubscriptions != null) {
                            sandboxSubscriptions.accept(event);
                        }
                    }
                    if (actions != null) {
                        actions.accept(event);
                    }
                }))
                .map(runtime -> {
                    genesysRuntime = runtime;
                    recommendations = new Recommendations(vertx, config, runtime.client(), genesys.primaryKnowledgeBase(),
                            genesys.fallbackKnowledgeBase(), plugins::registry, invoker, cluster.selfId(),
                            () -> cluster.memberIds().size(), clock,
                            metrics.registry(), board);
                    services.knowledge(recommendations.knowledge()).cache(recommendations.cache());
                    recordRecommendations();
                    if (config.mode() == HostConfig.Mode.SANDBOX && config.sandbox().generator()) {
                        sandboxSubscriptions = new SandboxSubscriptions(recommendations.subscriptions());
                    }
                    actions = new Actions(vertx, config.actions(), store, audit, webhooks.outbox(),
                            new Engagements(vertx, store, audit, webhooks.outbox(), runtime.client(), clock,
                                    metrics.registry(), board), cluster, clock, metrics.registry());
                    actions.onUtterance(utterance -> recommendations.accept(new TranscriptEvent(utterance.conversationId(),
                            null, utterance.speaker(), utterance.text(), utterance.confidence(), 0, clock.instant(), false,
                            utterance.mediaType(), utterance.queueId())));
                    return runtime;
                })
                .compose(v -> plugins.start())
                .compose(v -> webhooks.start())
                .compose(v -> actions.start())
                .onSuccess(v -> {
                    housekeeping = new Housekeeping(vertx, audit, webhooks, config.auditRetentionDays(),
                            actions.localEngagements(), config.actions().retentionDays(), clock);
                    housekeeping.start();
                })
                .compose(v -> recommendations.start())
                .onSuccess(v -> {
                    latency = new LatencyPublisher(vertx, board, cluster.selfId(), () -> recommendations.breakers()
                            .describe().addAll(webhooks.breakers()));
                    latency.start();
                })
                .compose(v -> startHttp())
                .onSuccess(s -> {
                    LOG.info("assist-host {} listening on http://{}:{} ({} mode, node {})",
                            HostVersion.current(), config.httpHost(), s.actualPort(),
                            config.mode().name().toLowerCase(java.util.Locale.ROOT), cluster.selfId());
                    console.println(" Console: " + consoleUrl(s.actualPort()) + " (log in with the API token)");
                });
    }

    @Override
    public Future<?> stop() {
        if (latency != null) {
            latency.stop();
        }
        Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
        Future<Void> httpClosed = serverClosed.eventually(() -> router == null ? Future.succeededFuture() : router.close());
        return httpClosed
                .eventually(() -> recommendations == null ? Future.succeededFuture() : recommendations.close())
                .eventually(() -> actions == null ? Future.succeededFuture() : actions.close())
                .eventually(() -> {
                    if (housekeeping != null) {
                        housekeeping.stop();
                    }
                    if (webhooks != null) {
                        webhooks.close();
                    }
                    return plugins == null ? Future.succeededFuture() : plugins.close();
                })
                .eventually(() -> genesys == null ? Future.succeededFuture() : genesys.stop())
                .eventually(() -> store == null ? Future.succeededFuture() : store.close())
                .eventually(() -> {
                    if (invoker != null) {
                        invoker.close();
                    }
                    return Future.succeededFuture();
                });
    }

    /** The id of this host's deployment, for undeploying it. */
    public String deploymentId() {
        return context.deploymentID();
    }

    /** The port the HTTP server listens on (useful when configured as 0). */
    public int httpPort() {
        return server.actualPort();
    }

    /** The admin API token in force ({@code api.token}, stored or generated). */
    public String apiToken() {
        return apiTokens.get(0).secret();
    }

    public PluginHost plugins() {
        return plugins;
    }

    public PluginInvoker invoker() {
        return invoker;
    }

    /** The recommendation feature of this host. */
    public Recommendations recommendations() {
        return recommendations;
    }

    /** The audit log of this host. */
    public AuditLog audit() {
        return audit;
    }

    /** The webhook feature of this host. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** The assist-action feature of this host. */
    public Actions actions() {
        return actions;
    }

    /** The Genesys connection of this host. */
    public GenesysRuntime genesys() {
        return genesysRuntime;
    }

    /** The sandbox emulator, or {@code null} in live mode. */
    public io.assisthost.host.sandbox.GenesysEmulator emulator() {
        return genesys.emulator();
    }

    /**
     * Every answered recommendation goes to the audit log and, for requests, to the webhook outbox, both
     * on disk before the caller is answered; a subscription's changed result goes to the outbox before
     * it is published.
     */
    private void recordRecommendations() {
        recommendations.service().addListener((recommendation, origin) -> {
            AuditRecord record = RecommendationAudit.of(recommendation, origin);
            Future<?> event = origin.equals("request")
                    ? webhooks.outbox().publish(RecommendationEvents.delivered(recommendation, record))
                    : Future.succeededFuture();
            return Future.all(audit.append(record), event).mapEmpty();
        });
        recommendations.subscriptions().onChange((recommendation, previousEtag) -> webhooks.outbox()
                .publish(RecommendationEvents.updated(recommendation, previousEtag)).mapEmpty());
    }

    // A wildcard listen address is not one a browser can open; the loopback name is.
    private String consoleUrl(int port) {
        String host = config.httpHost();
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        return "http://" + (wildcard ? "localhost" : host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    private Future<Void> resolveToken() {
        ApiTokenStore store = new ApiTokenStore(config.dataDir(), console);
        return vertx.executeBlocking(() -> store.resolveAll(config.api()), false)
                .onSuccess(tokens -> apiTokens = tokens)
                .mapEmpty();
    }

    private Future<HttpServer> startHttp() {
        router = new ApiRouter(new ApiRouter.Parts(apiTokens, config.corsAllowOrigins(), config.maxBodyBytes(),
                config.plugins().maxUploadBytes(), cluster, readiness, metrics.registry(), plugins, HostVersion.current(),
                genesys::describe, genesys.emulator(), recommendations, audit, webhooks, actions));
        return router.start(vertx).compose(v -> vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.httpHost()).setPort(config.httpPort()))
                .requestHandler(router.create(vertx))
                .invalidRequestHandler(Problems::invalidRequest)
                .listen())
                .onSuccess(s -> server = s);
    }
}
