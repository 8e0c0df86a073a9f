package io.assisthost.host.sandbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Genesys Cloud emulator: loads its seed, then serves the Genesys API on 127.0.0.1 (see
 * {@link EmulatorRoutes}) and, when enabled, plays conversations as live transcripts.
 */
public final class GenesysEmulator extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(GenesysEmulator.class);

    private final EmulatorSettings settings;
    private final Clock clock;
    private final EmulatorStats stats = new EmulatorStats();

    private SeedData seed;
    private FaultSwitches faults;
    private OAuthTokens tokens;
    private KnowledgeService knowledge;
    private NotificationHub hub;
    private ConversationGenerator generator;
    private HttpServer server;

    public GenesysEmulator(EmulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::load, false)
                .compose(v -> listen())
                .onSuccess(s -> LOG.info("Genesys Cloud emulator listening on {} ({} knowledge bases, {} documents)",
                        baseUrl(), seed.knowledgeBases().size(),
                        seed.knowledgeBases().stream().mapToInt(base -> seed.documents(base.id()).size()).sum()));
    }

    @Override
    public Future<?> stop() {
        if (generator != null) {
            generator.stop();
        }
        if (hub != null) {
            hub.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The base URL of both the API and the login service, for example {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.actualPort();
    }

    public SeedData seed() {
        return seed;
    }

    public FaultSwitches faults() {
        return faults;
    }

    public EmulatorStats stats() {
        return stats;
    }

    public ConversationGenerator generator() {
        return generator;
    }

    /** Topics subscribed over all notification channels. */
    public int subscribedTopics() {
        return hub.topicCount();
    }

    /** Search feedback (the PATCH of a search) received so far. */
    public List<JsonObject> searchFeedback() {
        return knowledge.feedback();
    }

    /**
     * Starts playing conversations if the settings enable the generator. Call it after registering
     * the generator's listeners so that no conversation is missed.
     */
    public void startGenerator() {
        if (settings.generator()) {
            context.runOnContext(v -> generator.start(settings.conversationEvery()));
        }
    }

    /** Plays one script now, on the emulator's event loop; completes with the new conversation's id. */
    public Future<String> play(ConversationScript script) {
        io.vertx.core.Promise<String> id = io.vertx.core.Promise.promise();
        context.runOnContext(v -> id.complete(generator.play(script)));
        return id.future();
    }

    /** Expires every token issued so far; the next call with one gets 401. */
    public void expireTokens() {
        tokens.expireAll();
    }

    private Void load() throws java.io.IOException {
        seed = SeedData.parse(new JsonObject(Files.readString(settings.seed())));
        List<ConversationScript> scripts = ConversationScript.parse(new JsonObject(Files.readString(settings.conversations())));
        faults = new FaultSwitches(id -> seed.knowledgeBase(id) != null);
        tokens = new OAuthTokens(settings.clientId(), settings.clientSecret(), settings.tokenLifetime(), clock);
        knowledge = new KnowledgeService(seed);
        hub = new NotificationHub(vertx, clock);
        generator = new ConversationGenerator(vertx, hub, clock, scripts, settings.utteranceInterval());
        return null;
    }

    private Future<HttpServer> listen() {
        EmulatorRoutes routes = new EmulatorRoutes(vertx, tokens, knowledge, hub, faults, stats, this::webSocketBase);
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(settings.port()))
                .requestHandler(routes.router())
                .listen()
                .onSuccess(s -> {
                    server = s;
                    hub.start();
                });
    }

    private String webSocketBase() {
        return "ws://127.0.0.1:" + port();
    }
}
