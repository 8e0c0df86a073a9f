package io.assisthost.host.bench;

import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.host.cluster.ClusterBootstrap;
import io.assisthost.host.cluster.SharedMaps;
import io.assisthost.host.config.ConfigLoader;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.genesys.GenesysClient;
import io.assisthost.host.genesys.GenesysRuntime;
import io.assisthost.host.genesys.KnowledgeCandidates;
import io.assisthost.host.genesys.KnowledgeRequests;
import io.assisthost.host.sandbox.EmulatorSettings;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load harness's bound ({@code target=bound}): the least a host answering the harness's requests on the
 * same parts must spend, run in its own JVM in place of the distribution and configured from the
 * distribution's {@code conf} as the host is. The bound itself does only what no such host can leave out:
 * HTTP in and out with JSON bodies and a bearer token, and one knowledge search of the candidate pool
 * through the official SDK against the in-process emulator. Transcripts are read and answered 202.
 *
 * <p>Each of {@link #PARTS}, named after a {@code +} ({@code target=bound+durable+shared+plugins}), adds a
 * part the host has, in its least form:
 * <ul>
 *   <li>{@code durable}: the answer waits until a record of it is committed to disk ({@link BoundJournal}),
 *       as the host's answer waits for its audit entry and webhook event;</li>
 *   <li>{@code shared}: the node joins the cluster with the host's Hazelcast configuration and puts the
 *       result in the shared results map, as the host keeps a last good result;</li>
 *   <li>{@code plugins}: the candidates pass through two named worker pools in turn, a scorer's and a
 *       filter's, each sorting them once, as the host calls its plugins off the event loop.</li>
 * </ul>
 * Everything else a recommendation does in the host is left out: the breaker, re-scoring and filtering
 * themselves, the ETag, the audit chain, the webhook outbox, the live figures, the reply's details.
 *
 * <p>Started by {@link LoadHarness} through the distribution's {@code bin/assist-host}, as the host is, with
 * {@link #variables} naming this class and adding these test classes to the class path.
 */
public final class LoadBound {

    /** The parts the bound can add, each in the least form of the host's (see the class comment). */
    static final List<String> PARTS = List.of("durable", "shared", "plugins");

    private final GenesysEmulator emulator;
    private final GenesysClient client;
    private final KnowledgeCandidates candidates;
    private final String knowledgeBaseId;
    private final int pool;
    private final byte[] token;
    private final BoundJournal journal;
    private final boolean shared;
    private final List<WorkerExecutor> plugins;

    private LoadBound(HostConfig config, GenesysEmulator emulator, GenesysClient client, BoundJournal journal,
                      boolean shared, List<WorkerExecutor> plugins) {
        this.emulator = emulator;
        this.client = client;
        this.candidates = new KnowledgeCandidates(config.genesys().contentTypeLabels(),
                config.genesys().defaultContentType());
        this.knowledgeBaseId = emulator.seed().withRole("primary").id();
        this.pool = config.recommend().candidatePool();
        this.token = config.apiToken().getBytes(StandardCharsets.UTF_8);
        this.journal = journal;
        this.shared = shared;
        this.plugins = plugins;
    }

    /**
     * The variables that make {@code bin/assist-host} start the bound with these parts instead of the host,
     * with these test classes on its class path (and the JVM options and settings the host would get).
     */
    static Map<String, String> variables(List<String> parts) throws URISyntaxException {
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new IllegalArgumentException("the bound's parts are " + PARTS + ", not " + part);
            }
        }
        Path classes = Path.of(LoadBound.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Map.of("ASSIST_MAIN_CLASS", LoadBound.class.getName(), "ASSIST_CLASSPATH", classes.toString(),
                "ASSIST_BOUND_PARTS", String.join(",", parts));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("assist.home", ".")).toAbsolutePath().normalize();
        HostConfig config = new ConfigLoader(System.getenv(), System.getProperties()).load(home);
        String named = System.getenv().getOrDefault("ASSIST_BOUND_PARTS", "");
        List<String> parts = named.isEmpty() ? List.of() : List.of(named.split(","));
        Vertx vertx = parts.contains("shared")
                ? new ClusterBootstrap(config.cluster()).start(new VertxOptions(), null).await()
                : Vertx.vertx();
        EmulatorSettings settings = EmulatorSettings.of(config);
        GenesysEmulator emulator = new GenesysEmulator(settings, Clock.systemUTC());
        vertx.deployVerticle(emulator).await();
        GenesysRuntime genesys = GenesysRuntime.start(vertx, config.genesys(), new GenesysRuntime.Endpoints(
                emulator.baseUrl(), emulator.baseUrl(), settings.clientId(), settings.clientSecret()),
                Clock.systemUTC(), "assist-load-bound", event -> { }).await();
        BoundJournal journal = parts.contains("durable") ? new BoundJournal(config.dataDir()) : null;
        LoadBound bound = new LoadBound(config, emulator, genesys.client(), journal, parts.contains("shared"),
                parts.contains("plugins") ? List.of(vertx.createSharedWorkerExecutor("bound-scorer", 4),
                        vertx.createSharedWorkerExecutor("bound-filter", 4)) : List.of());
        // One server on one event loop, as the host has.
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(config.httpPort()))
                        .requestHandler(bound.router(vertx)).listen();
            }
        }).await();
        System.out.println("assist-host load bound listening on " + config.httpPort());
    }

    private Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/ready").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.route().handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.route().handler(this::authorize);
        router.post("/sandbox/faults").handler(ctx -> {
            emulator.faults().set(ctx.body().asJsonObject());
            ctx.json(emulator.faults().toJson());
        });
        router.post("/api/v1/transcripts").handler(ctx -> {
            ctx.body().asJsonObject();
            ctx.response().setStatusCode(202).end();
        });
        router.post("/api/v1/recommendations").handler(this::recommend);
        return router;
    }

    private void authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header == null ? new byte[0] : header.substring(Math.min(header.length(), 7))
                .getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(given, token)) {
            ctx.next();
        } else {
            ctx.response().setStatusCode(401).end();
        }
    }

    private void recommend(RoutingContext ctx) {
        long started = System.nanoTime();
        JsonObject request = ctx.body().asJsonObject();
        String query = request.getString("query");
        int maxResults = request.getInteger("maxResults", 5);
        InteractionContext context = new InteractionContext(request.getString("conversationId"), null, null, null,
                null, null, query, maxResults, 0.0, null, null);
        long searching = System.nanoTime();
        client.search(knowledgeBaseId, KnowledgeRequests.search(query, context, Math.max(pool, maxResults),
                        KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH), false)
                .compose(search -> {
                    long genesysMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - searching);
                    Future<List<Candidate>> ranked = Future.succeededFuture(candidates.from(knowledgeBaseId, search,
                            document -> ""));
                    for (WorkerExecutor plugin : plugins) {
                        ranked = ranked.compose(list -> plugin.executeBlocking(() -> rank(list), false));
                    }
                    return ranked.map(found -> reply(context, query, search.getSearchId(), found, genesysMs, started));
                })
                .compose(reply -> {
                    if (shared) {
                        JsonObject result = new JsonObject().put("items", reply.getJsonArray("items"));
                        ctx.vertx().sharedData().<String, JsonObject>getAsyncMap(SharedMaps.RESULTS)
                                .compose(map -> map.put(context.conversationId(), result));
                    }
                    return journal == null ? Future.succeededFuture(reply)
                            : journal.append(ctx.vertx().getOrCreateContext(), context.conversationId(), reply.encode())
                                    .map(reply);
                })
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    /** A plugin's least work: the candidates by relevance, best first. */
    private static List<Candidate> rank(List<Candidate> candidates) {
        return candidates.stream().sorted(Comparator.comparingDouble(Candidate::confidence).reversed()).toList();
    }

    private JsonObject reply(InteractionContext context, String query, String searchId, List<Candidate> found,
                             long genesysMs, long started) {
        JsonArray items = new JsonArray();
        found.stream().limit(context.maxResults()).forEach(candidate -> items.add(new JsonObject()
                .put("documentId", candidate.documentId()).put("title", candidate.title())
                .put("knowledgeBaseId", candidate.knowledgeBaseId()).put("relevance", candidate.confidence())));
        return new JsonObject().put("conversationId", context.conversationId()).put("query", query)
                .put("source", new JsonObject().put("strategy", "knowledge-search")
                        .put("knowledgeBaseId", knowledgeBaseId).put("searchId", searchId))
                .put("items", items)
                .put("latencyMs", new JsonObject().put("genesys", genesysMs)
                        .put("total", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }
}
