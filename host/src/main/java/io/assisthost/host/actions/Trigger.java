package io.assisthost.host.actions;

import java.util.List;
import java.util.Locale;

/**
 * When an action triggers: its phrases heard in an utterance (any or all of them, as whole words,
 * ignoring case and accents), said by the right speaker with enough recognizer confidence, in a
 * conversation on one of the queues, skills and media types listed. An empty list sets no condition.
 *
 * @param phrases       the phrases listened for, at least one
 * @param match         whether any phrase or all of them must be heard in one utterance
 * @param speaker       who must say it
 * @param minConfidence the least recognizer confidence, 0 to 1, of an utterance that may trigger
 * @param queueIds      queues the conversation must be on (any of them)
 * @param skillIds      skills the conversation must require (any of them)
 * @param mediaTypes    media types the conversation must have (any of them), lower case
 */
public record Trigger(List<String> phrases, Match match, Speaker speaker, double minConfidence, List<String> queueIds,
                      List<String> skillIds, List<String> mediaTypes) {

    /** The minimum confidence when a definition sets none. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.75;

    /** How many of the phrases must be heard. */
    public enum Match {
        ANY, ALL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whose utterances count. */
    public enum Speaker {
        CUSTOMER, AGENT, ANY;

        // Kept, not derived per call: accepts() runs for every action an utterance mentions.
        private final String wireName = name().toLowerCase(Locale.ROOT);

        public String wireName() {
            return wireName;
        }

        /** Whether an utterance by {@code speaker} ({@code customer}, {@code agent}, ...) counts. */
        public boolean accepts(String speaker) {
            return this == ANY || wireName.equals(speaker);
        }
    }

    public Trigger {
        phrases = List.copyOf(phrases);
        queueIds = List.copyOf(queueIds);
        skillIds = List.copyOf(skillIds);
        mediaTypes = mediaTypes.stream().map(type -> type.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether an utterance's attributes meet every condition other than the phrases. */
    public boolean admits(Utterance utterance) {
        return utterance.confidence() >= minConfidence
                && speaker.accepts(utterance.speaker())
                && (queueIds.isEmpty() || (utterance.queueId() != null && queueIds.contains(utterance.queueId())))
                && (mediaTypes.isEmpty() || (utterance.mediaType() != null && mediaTypes.contains(utterance.mediaType())))
                && (skillIds.isEmpty() || utterance.skillIds().stream().anyMatch(skillIds::contains));
    }
}
