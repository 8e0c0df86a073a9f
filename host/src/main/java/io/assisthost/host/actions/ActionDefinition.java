package io.assisthost.host.actions;

import java.util.List;
import java.util.Objects;

/**
 * One immutable version of an assist action: when it triggers, the card it shows and how that card
 * is laid out, and optionally the rollout it proposes when deployed.
 *
 * @param name        the action's name, stable across versions
 * @param version     a semantic version, unique per name
 * @param description what the action is for
 * @param enabled     whether this version may trigger once deployed
 * @param trigger     when it triggers
 * @param html        the card's content, already proven unchanged by the sanitizer policy
 * @param ui          how the card is shown
 * @param rollout     the variants to deploy with this version; empty means the whole traffic sees it
 */
public record ActionDefinition(String name, String version, String description, boolean enabled, Trigger trigger,
                               String html, Ui ui, List<Variant> rollout) {

    public ActionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        description = description == null ? "" : description;
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(html, "html");
        ui = ui == null ? Ui.DEFAULT : ui;
        rollout = rollout == null ? List.of() : List.copyOf(rollout);
    }
}
