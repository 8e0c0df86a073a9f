package io.assisthost.host.actions;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One transcript utterance as the trigger engine sees it.
 *
 * @param conversationId the conversation
 * @param text           what was said
 * @param confidence     the recognizer's confidence, 0 to 1
 * @param speaker        {@code customer}, {@code agent} or another role, lower case
 * @param mediaType      the conversation's media type (lower case), or {@code null} if unknown
 * @param queueId        the conversation's queue, or {@code null} if unknown
 * @param skillIds       the skills the conversation requires
 */
public record Utterance(String conversationId, String text, double confidence, String speaker, String mediaType,
                        String queueId, List<String> skillIds) {

    public Utterance {
        Objects.requireNonNull(conversationId, "conversationId");
        text = text == null ? "" : text;
        speaker = speaker == null ? "unknown" : speaker.toLowerCase(Locale.ROOT);
        mediaType = mediaType == null ? null : mediaType.toLowerCase(Locale.ROOT);
        skillIds = skillIds == null ? List.of() : List.copyOf(skillIds);
    }
}
