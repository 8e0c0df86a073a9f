package io.assisthost.host.actions;

import java.util.List;
import java.util.Locale;

/**
 * How the agent's desktop shows an action's card.
 *
 * @param position         where the card docks
 * @param size             how much room it takes
 * @param requiredFeatures browser features the card needs (names from {@code conf/browsers.json})
 */
public record Ui(Position position, Size size, List<String> requiredFeatures) {

    /** Where the card docks. */
    public enum Position {
        RIGHT, LEFT, TOP, BOTTOM, INLINE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How much room the card takes. */
    public enum Size {
        SMALL, MEDIUM, LARGE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The directives of a definition that sets none. */
    public static final Ui DEFAULT = new Ui(Position.RIGHT, Size.MEDIUM, List.of());

    public Ui {
        requiredFeatures = List.copyOf(requiredFeatures);
    }
}
