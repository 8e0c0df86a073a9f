package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.model.Channel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live transcripts from the Notifications API: one channel (created through the SDK), its WebSocket
 * read with Vert.x, and a {@code v2.conversations.{id}.transcription} subscription for every followed
 * conversation. Final utterances and conversation ends go to the sink as {@link TranscriptEvent}s; a
 * conversation is unfollowed (and its topic dropped from the channel, which Genesys caps at 1,000
 * topics) when its transcript ends. If the socket closes, a new channel is opened and every followed
 * topic subscribed again.
 */
public final class TranscriptFeed {

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptFeed.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    private record Attributes(String mediaType, String queue) {
    }

    private final Vertx vertx;
    private final GenesysClient client;
    private final WebSocketClient sockets;
    private final Consumer<TranscriptEvent> sink;
    private final Map<String, Attributes> followed = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private volatile String channelId;
    private volatile WebSocket socket;
    private volatile boolean closed;

    public TranscriptFeed(Vertx vertx, GenesysClient client, Consumer<TranscriptEvent> sink) {
        this.vertx = vertx;
        this.client = client;
        this.sockets = vertx.createWebSocketClient();
        this.sink = sink;
    }

    /** Opens the channel and its socket. */
    public Future<Void> start() {
        return client.createChannel().compose(this::connect).compose(v -> resubscribe());
    }

    /** Subscribes a conversation's transcript; its events carry the given attributes. */
    public Future<Void> follow(String conversationId, String mediaType, String queue) {
        followed.put(conversationId, new Attributes(mediaType, queue));
        String channel = channelId;
        if (channel == null) {
            return Future.succeededFuture();
        }
        return client.subscribe(channel, List.of(TranscriptFrames.topic(conversationId)))
                .onFailure(failure -> LOG.warn("Transcript of conversation {} not subscribed: {}", conversationId,
                        failure.getMessage()))
                .mapEmpty();
    }

    /** Conversations currently followed. */
    public int followed() {
        return followed.size();
    }

    /** Transcript events delivered to the sink so far. */
    public long received() {
        return received.get();
    }

    /** Whether the channel's socket is open. */
    public boolean connected() {
        WebSocket current = socket;
        return current != null && !current.isClosed();
    }

    public Future<Void> close() {
        closed = true;
        WebSocket current = socket;
        Future<Void> closing = current == null ? Future.succeededFuture() : current.close();
        return closing.eventually(sockets::close);
    }

    private Future<Void> connect(Channel channel) {
        return sockets.connect(new WebSocketConnectOptions().setAbsoluteURI(channel.getConnectUri()))
                .onSuccess(webSocket -> {
                    channelId = channel.getId();
                    socket = webSocket;
                    webSocket.textMessageHandler(this::frame);
                    webSocket.closeHandler(v -> reconnectLater());
                    LOG.info("Notifications channel {} connected", channel.getId());
                })
                .mapEmpty();
    }

    private Future<Void> resubscribe() {
        List<String> topics = followed.keySet().stream().map(TranscriptFrames::topic).toList();
        return topics.isEmpty() ? Future.succeededFuture() : client.subscribe(channelId, topics).mapEmpty();
    }

    private void frame(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            LOG.warn("Ignoring a notification frame that is not a JSON object: {}", e.getMessage());
            return;
        }
        for (TranscriptEvent event : TranscriptFrames.parse(frame)) {
            Attributes attributes = followed.get(event.conversationId());
            TranscriptEvent enriched = attributes == null ? event : event.with(attributes.mediaType(), attributes.queue());
            if (event.ended() && followed.remove(event.conversationId()) != null) {
                dropTopic(event.conversationId());
            }
            received.incrementAndGet();
            sink.accept(enriched);
        }
    }

    private void dropTopic(String conversationId) {
        String channel = channelId;
        if (channel != null) {
            List<String> remaining = followed.keySet().stream().map(TranscriptFrames::topic).toList();
            client.replaceSubscriptions(channel, remaining).onFailure(failure -> LOG.debug(
                    "Topic of ended conversation {} not dropped: {}", conversationId, failure.getMessage()));
        }
    }

    private void reconnectLater() {
        socket = null;
        channelId = null;
        if (closed) {
            return;
        }
        LOG.info("Notifications channel closed; opening a new one in {} s", RECONNECT_DELAY.toSeconds());
        vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> start().onFailure(failure -> {
            LOG.warn("Reopening the notifications channel failed: {}", failure.getMessage());
            reconnectLater();
        }));
    }
}
