package io.assisthost.host.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Notification channels as Genesys runs them: a channel has a WebSocket and a set of topic
 * subscriptions; events on a subscribed topic reach the channel's socket as
 * {@code {"topicName","version","eventBody","metadata"}} frames; a {@code {"message":"ping"}} gets a
 * pong and the socket gets a heartbeat every 30 seconds. Event-loop confined.
 */
final class NotificationHub {

    private static final Pattern TOPIC = Pattern.compile("v2\\.conversations\\.[0-9a-fA-F-]{36}\\.transcription");
    private static final Duration CHANNEL_LIFETIME = Duration.ofHours(24);
    private static final long HEARTBEAT_MS = 30_000;

    private final Vertx vertx;
    private final Clock clock;
    private final Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
    private final Map<String, ServerWebSocket> sockets = new LinkedHashMap<>();
    private long heartbeat = -1;

    NotificationHub(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    void start() {
        heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> sockets.values().forEach(socket ->
                send(socket, "channel.metadata", new JsonObject().put("message", "WebSocket Heartbeat"))));
    }

    void stop() {
        vertx.cancelTimer(heartbeat);
        sockets.values().forEach(ServerWebSocket::close);
    }

    JsonObject createChannel(String webSocketBase) {
        String id = UUID.randomUUID().toString();
        subscriptions.put(id, new LinkedHashSet<>());
        return new JsonObject()
                .put("id", id)
                .put("connectUri", webSocketBase + "/channels/" + id)
                .put("expires", clock.instant().plus(CHANNEL_LIFETIME).toString());
    }

    boolean exists(String channelId) {
        return subscriptions.containsKey(channelId);
    }

    /** Adds ({@code replace} false) or sets the channel's topics; answers the whole subscription list. */
    JsonObject subscribe(String channelId, JsonArray topics, boolean replace) {
        Set<String> topicSet = require(channelId);
        JsonArray rejected = new JsonArray();
        if (replace) {
            topicSet.clear();
        }
        for (Object item : topics) {
            String topic = item instanceof JsonObject object ? object.getString("id") : null;
            if (topic == null) {
                throw EmulatorError.badRequest("each topic must be an object with an id");
            }
            if (TOPIC.matcher(topic).matches()) {
                topicSet.add(topic);
            } else {
                rejected.add(new JsonObject().put("id", topic).put("state", "Rejected")
                        .put("rejectionReason", "topic is not available in the sandbox"));
            }
        }
        JsonObject listing = subscriptions(channelId);
        rejected.forEach(entry -> listing.getJsonArray("entities").add(entry));
        return listing;
    }

    JsonObject subscriptions(String channelId) {
        JsonArray entities = new JsonArray();
        require(channelId).forEach(topic -> entities.add(new JsonObject().put("id", topic).put("state", "Permitted")));
        return new JsonObject().put("entities", entities);
    }

    int topicCount() {
        return subscriptions.values().stream().mapToInt(Set::size).sum();
    }

    void unsubscribeAll(String channelId) {
        require(channelId).clear();
    }

    void connect(String channelId, ServerWebSocket socket) {
        ServerWebSocket previous = sockets.put(channelId, socket);
        if (previous != null) {
            previous.close();
        }
        socket.textMessageHandler(text -> {
            if (text.contains("\"ping\"")) {
                send(socket, "channel.metadata", new JsonObject().put("message", "pong"));
            }
        });
        socket.closeHandler(v -> sockets.remove(channelId, socket));
    }

    /** Sends an event to every connected channel subscribed to its topic; returns how many got it. */
    int publish(String topic, JsonObject eventBody) {
        int delivered = 0;
        for (Map.Entry<String, Set<String>> channel : subscriptions.entrySet()) {
            ServerWebSocket socket = sockets.get(channel.getKey());
            if (socket != null && channel.getValue().contains(topic)) {
                send(socket, topic, eventBody);
                delivered++;
            }
        }
        return delivered;
    }

    private Set<String> require(String channelId) {
        Set<String> topics = subscriptions.get(channelId);
        if (topics == null) {
            throw EmulatorError.notFound("channel " + channelId + " not found");
        }
        return topics;
    }

    private static void send(ServerWebSocket socket, String topic, JsonObject eventBody) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(new JsonObject()
                    .put("topicName", topic)
                    .put("version", "2")
                    .put("eventBody", eventBody)
                    .put("metadata", new JsonObject().put("CorrelationId", UUID.randomUUID().toString()))
                    .encode());
        }
    }
}
