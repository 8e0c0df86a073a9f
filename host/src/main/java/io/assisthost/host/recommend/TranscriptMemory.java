package io.assisthost.host.recommend;

import io.assisthost.host.genesys.TranscriptEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last few customer utterances of recent conversations, from which queries are built when a
 * request brings none; and the place that learns when a conversation ended. Bounded (least recently
 * used conversations are forgotten) and thread-safe.
 */
public final class TranscriptMemory {

    private static final int MAX_CONVERSATIONS = 10_000;

    private final int perConversation;
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<String>> utterances = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<String>> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };

    public TranscriptMemory(int perConversation) {
        this.perConversation = perConversation;
    }

    /** Calls {@code listener} with the id of every conversation whose transcript ends. */
    public TranscriptMemory onEnded(Consumer<String> listener) {
        endListeners.add(listener);
        return this;
    }

    public void accept(TranscriptEvent event) {
        if (event.ended()) {
            synchronized (utterances) {
                utterances.remove(event.conversationId());
            }
            endListeners.forEach(listener -> listener.accept(event.conversationId()));
            return;
        }
        if (!"customer".equals(event.speaker()) || perConversation == 0 || event.text().isBlank()) {
            return;
        }
        synchronized (utterances) {
            Deque<String> recent = utterances.computeIfAbsent(event.conversationId(), id -> new ArrayDeque<>());
            recent.addLast(event.text());
            while (recent.size() > perConversation) {
                recent.removeFirst();
            }
        }
    }

    /** The conversation's recent customer utterances, oldest first. */
    public List<String> recent(String conversationId) {
        synchronized (utterances) {
            Deque<String> recent = utterances.get(conversationId);
            return recent == null ? List.of() : new ArrayList<>(recent);
        }
    }
}
