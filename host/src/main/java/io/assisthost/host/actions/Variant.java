package io.assisthost.host.actions;

import java.util.Objects;

/**
 * A share of an action's traffic: conversations assigned to it see {@code version} and are counted
 * under {@code group} in the A/B figures.
 *
 * @param version the action version shown
 * @param weight  the percentage of conversations, 0 to 100; a rollout's weights sum to 100
 * @param group   the A/B group name, unique within a rollout
 */
public record Variant(String version, int weight, String group) {

    public Variant {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(group, "group");
    }
}
