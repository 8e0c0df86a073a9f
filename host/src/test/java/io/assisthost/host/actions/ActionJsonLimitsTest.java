package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.testing.TestActions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ActionJsonLimitsTest {

    @Test
    void refusesADescriptionOverItsLimit() {
        JsonObject definition = TestActions.definition("a", "1.0.0", "refund").put("description", "d".repeat(ActionJson.MAX_DESCRIPTION + 1));

        assertThat(ActionJson.read(definition).errors().getJsonObject(0).getString("field")).isEqualTo("description");
    }

    @Test
    void refusesACardOverItsLimit() {
        JsonObject definition = TestActions.definition("a", "1.0.0", "refund");
        definition.getJsonObject("content").put("html", "<p>" + "x".repeat(ActionJson.MAX_HTML) + "</p>");

        assertThat(ActionJson.read(definition).errors().getJsonObject(0).getString("field")).isEqualTo("content.html");
    }

    @Test
    void readsDefinitionsWithinTheLimits() {
        assertThat(ActionJson.read(TestActions.definition("a", "1.0.0", "refund")).errors()).isEmpty();
    }
}
