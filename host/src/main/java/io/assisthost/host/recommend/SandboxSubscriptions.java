package io.assisthost.host.recommend;

import io.assisthost.host.genesys.TranscriptEvent;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In sandbox mode, subscribes every generated conversation to recommendations at its first customer
 * utterance, as an agent desktop would, so that a new host shows searches, plugin calls and latency
 * within seconds of starting. The subscription ends with the conversation's transcript.
 */
public final class SandboxSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSubscriptions.class);

    private final SubscriptionManager subscriptions;
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    public SandboxSubscriptions(SubscriptionManager subscriptions) {
        this.subscriptions = subscriptions;
    }

    public void accept(TranscriptEvent event) {
        if (event.ended()) {
            subscribed.remove(event.conversationId());
            return;
        }
        if (!"customer".equals(event.speaker()) || event.text().isBlank() || !subscribed.add(event.conversationId())) {
            return;
        }
        JsonObject context = new JsonObject();
        if (event.mediaType() != null) {
            context.put("mediaType", event.mediaType());
        }
        if (event.queue() != null) {
            context.put("queueId", event.queue());
        }
        subscriptions.subscribe(event.conversationId(), new JsonObject().put("context", context))
                .onFailure(failure -> {
                    // Its next customer utterance tries again.
                    subscribed.remove(event.conversationId());
                    LOG.debug("Sandbox conversation {} not subscribed: {}", event.conversationId(), failure.getMessage());
                });
    }
}
