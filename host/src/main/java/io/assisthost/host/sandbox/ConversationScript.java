package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One scripted conversation of {@code conf/sandbox/conversations.json}.
 *
 * @param name      a stable name
 * @param mediaType Genesys media type ({@code Voice}, {@code Chat}, {@code Message})
 * @param queue     the queue name the conversation waits in
 * @param turns     the utterances, in order
 */
public record ConversationScript(String name, String mediaType, String queue, List<Turn> turns) {

    /** One utterance: {@code customer} or {@code agent}, its text and its recognition confidence. */
    public record Turn(String speaker, String text, double confidence) {
    }

    /** Parses the {@code conversations} array of the scripts file. */
    public static List<ConversationScript> parse(JsonObject json) {
        List<ConversationScript> scripts = new ArrayList<>();
        for (Object item : json.getJsonArray("conversations")) {
            JsonObject conversation = (JsonObject) item;
            List<Turn> turns = new ArrayList<>();
            for (Object turn : conversation.getJsonArray("turns")) {
                JsonObject t = (JsonObject) turn;
                turns.add(new Turn(t.getString("speaker"), t.getString("text"), t.getDouble("confidence", 0.9)));
            }
            if (turns.isEmpty()) {
                throw new IllegalArgumentException("conversation " + conversation.getString("name") + " has no turns");
            }
            scripts.add(new ConversationScript(conversation.getString("name"), conversation.getString("mediaType", "Voice"),
                    conversation.getString("queue", "General"), List.copyOf(turns)));
        }
        return List.copyOf(scripts);
    }
}
