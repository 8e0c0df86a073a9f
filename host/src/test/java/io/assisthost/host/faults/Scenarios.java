package io.assisthost.host.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/** The traffic of the fault scenarios. */
final class Scenarios {

    private Scenarios() {
    }

    /** Asks for three recommendations for a conversation; the answer must be a 200, whatever served it. */
    static Future<JsonObject> recommend(WebClient client, HostVerticle host, String conversationId) {
        return TestHosts.api(client, host, HttpMethod.POST, "/api/v1/recommendations")
                .sendJsonObject(new JsonObject().put("conversationId", conversationId)
                        .put("query", "refund for a late delivery").put("maxResults", 3))
                .map(response -> {
                    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                    return response.bodyAsJsonObject();
                });
    }
}
