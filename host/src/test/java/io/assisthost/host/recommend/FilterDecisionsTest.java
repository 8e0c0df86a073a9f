package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.api.Candidate;
import io.assisthost.api.FilterDecision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FilterDecisionsTest {

    private static final List<Candidate> RANKED = List.of(candidate("a"), candidate("b"), candidate("c"),
            candidate("d"), candidate("e"));

    private static Candidate candidate(String id) {
        return Candidate.of(id, "kb", "Title " + id, "faq", null, "", null, null, null, 0.5);
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::documentId).toList();
    }

    private static List<String> apply(List<FilterDecision> decisions, List<String> dropped) {
        return ids(FilterDecisions.apply(RANKED, decisions, (candidate, decision) -> {
            assertThat(decision.documentId()).isEqualTo(candidate.documentId());
            dropped.add(candidate.documentId() + ": " + decision.reason());
        }));
    }

    @Test
    void dropsInTheCandidatesOrderOnSomeOfThem() {
        List<String> dropped = new ArrayList<>();
        List<String> kept = apply(List.of(FilterDecision.drop("b", "low"), FilterDecision.keep("c"),
                FilterDecision.drop("e", "beyond top 3")), dropped);
        assertThat(kept).containsExactly("a", "c", "d");
        assertThat(dropped).containsExactly("b: low", "e: beyond top 3");
    }

    @Test
    void decisionsInAnotherOrder() {
        List<String> dropped = new ArrayList<>();
        List<String> kept = apply(List.of(FilterDecision.drop("d", "dup"), FilterDecision.drop("a", "low"),
                FilterDecision.keep("b")), dropped);
        assertThat(kept).containsExactly("b", "c", "e");
        assertThat(dropped).containsExactly("a: low", "d: dup");
    }

    @Test
    void noDecisionsKeepEverything() {
        List<String> dropped = new ArrayList<>();
        assertThat(apply(List.of(), dropped)).containsExactly("a", "b", "c", "d", "e");
        assertThat(dropped).isEmpty();
    }

    @Test
    void agreesWithLookingEveryDecisionUpOnRandomDecisions() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 500; round++) {
            List<FilterDecision> decisions = new ArrayList<>();
            for (Candidate candidate : RANKED) {
                switch (random.nextInt(3)) {
                    case 0 -> decisions.add(FilterDecision.drop(candidate.documentId(), "rule " + round));
                    case 1 -> decisions.add(FilterDecision.keep(candidate.documentId()));
                    default -> { }
                }
            }
            if (random.nextBoolean()) {
                Collections.shuffle(decisions, new java.util.Random(round));
            }
            Map<String, FilterDecision> byDocument = new HashMap<>();
            decisions.forEach(decision -> byDocument.put(decision.documentId(), decision));
            List<String> expectedKept = new ArrayList<>();
            List<String> expectedDropped = new ArrayList<>();
            for (Candidate candidate : RANKED) {
                FilterDecision decision = byDocument.get(candidate.documentId());
                if (decision == null || decision.keep()) {
                    expectedKept.add(candidate.documentId());
                } else {
                    expectedDropped.add(candidate.documentId() + ": " + decision.reason());
                }
            }
            List<String> dropped = new ArrayList<>();
            assertThat(apply(decisions, dropped)).isEqualTo(expectedKept);
            assertThat(dropped).isEqualTo(expectedDropped);
        }
    }
}
