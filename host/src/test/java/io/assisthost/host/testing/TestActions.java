package io.assisthost.host.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Action definitions for tests. */
public final class TestActions {

    private TestActions() {
    }

    /** A valid definition listening to customers for {@code phrases}, with a small card naming its version. */
    public static JsonObject definition(String name, String version, String... phrases) {
        return new JsonObject()
                .put("name", name)
                .put("version", version)
                .put("description", "test action " + name)
                .put("trigger", new JsonObject().put("phrases", new JsonArray(List.of(phrases))).put("speaker", "customer"))
                .put("content", new JsonObject().put("html", "<div class=\"assist-card\"><p>Version " + version
                        + "</p></div>"))
                .put("ui", new JsonObject().put("position", "right").put("size", "small"));
    }
}
