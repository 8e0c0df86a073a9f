package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantAssignerTest {

    private static final List<Variant> SPLIT = List.of(new Variant("1.0.0", 50, "control"),
            new Variant("1.1.0", 30, "treatment"), new Variant("1.2.0", 20, "short"));

    @Test
    void aConversationKeepsItsVariant() {
        for (int i = 0; i < 1_000; i++) {
            String conversation = "conv-" + i;
            Variant first = VariantAssigner.assign(conversation, "refund-policy", SPLIT);
            assertThat(VariantAssigner.assign(conversation, "refund-policy", List.copyOf(SPLIT))).isEqualTo(first);
        }
    }

    @Test
    void tenThousandConversationsFollowTheWeightsWithinThreePercent() {
        Map<String, Integer> counts = new HashMap<>();
        int total = 10_000;
        for (int i = 0; i < total; i++) {
            // Sequential ids: the ones a naive hash would cluster.
            counts.merge(VariantAssigner.assign("c0ffee00-" + i, "refund-policy", SPLIT).group(), 1, Integer::sum);
        }
        for (Variant variant : SPLIT) {
            double share = 100.0 * counts.getOrDefault(variant.group(), 0) / total;
            assertThat(share).as(variant.group()).isBetween(variant.weight() - 3.0, variant.weight() + 3.0);
        }
    }

    @Test
    void actionsSplitTheSameConversationsIndependently() {
        List<Variant> halves = List.of(new Variant("1.0.0", 50, "a"), new Variant("2.0.0", 50, "b"));
        int same = 0;
        for (int i = 0; i < 10_000; i++) {
            String conversation = "conv-" + i;
            if (VariantAssigner.assign(conversation, "refund-policy", halves).group()
                    .equals(VariantAssigner.assign(conversation, "cancel-retention", halves).group())) {
                same++;
            }
        }
        // Independent halves agree about half of the time; correlated ones would agree nearly always.
        assertThat(same).isBetween(4_700, 5_300);
    }

    @Test
    void aZeroWeightVariantGetsNobodyAndAFullOneEverybody() {
        List<Variant> all = List.of(new Variant("1.0.0", 0, "off"), new Variant("1.1.0", 100, "on"));
        for (int i = 0; i < 2_000; i++) {
            assertThat(VariantAssigner.assign("conv-" + i, "a", all).group()).isEqualTo("on");
        }
    }
}
