package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployedActionsTest {

    private static DeployedActions.Entry entry(String name, String mediaType) {
        Trigger trigger = new Trigger(List.of("refund"), Trigger.Match.ANY, Trigger.Speaker.ANY, 0.5, List.of(), List.of(),
                mediaType == null ? List.of() : List.of(mediaType));
        List<Variant> rollout = List.of(new Variant("1.0.0", 100, "control"));
        return new DeployedActions.Entry(name, rollout, rollout.get(0), new ActionDefinition(name, "1.0.0", "", true,
                trigger, "<p>x</p>", Ui.DEFAULT, List.of()), "default-src 'none'");
    }

    private static List<String> triggered(DeployedActions deployed, String mediaType) {
        DeployedActions.Matches matches = deployed.evaluate(new Utterance("conv-1", "a refund", 0.9, "customer",
                mediaType, null, List.of()));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            names.add(matches.entry(i).action());
        }
        return names;
    }

    @Test
    void mediaTypesBeyondTheBitsOfOneWordAreStillToldApart() {
        List<DeployedActions.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            entries.add(entry("media-" + i, "m" + i));
        }
        entries.add(entry("any-media", null));
        DeployedActions deployed = DeployedActions.of(entries);
        assertThat(triggered(deployed, "m68")).containsExactlyInAnyOrder("media-68", "any-media");
        assertThat(triggered(deployed, "m3")).containsExactlyInAnyOrder("media-3", "any-media");
        assertThat(triggered(deployed, "fax")).containsExactly("any-media");
        assertThat(triggered(deployed, null)).containsExactly("any-media");
    }

    @Test
    void nothingDeployedTriggersNothing() {
        assertThat(DeployedActions.EMPTY.evaluate(new Utterance("c", "refund", 1, "customer", null, null, List.of()))
                .isEmpty()).isTrue();
    }
}
