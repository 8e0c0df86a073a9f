package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.config.ApiOptions.Scope;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET, /api/v1/plugins, READ",
        "HEAD, /api/v1/actions, READ",
        "GET, /api/v1/stream, READ",
        "GET, /sandbox/faults, READ",
        "POST, /api/v1/recommendations, READ",
        "POST, /api/v1/recommendations/, READ",
        "POST, /api/v1/transcripts, READ",
        "POST, /api/v1/engagements, READ",
        "POST, /api/v1/actions/validate, READ",
        "POST, /api/v1/session, READ",
        "DELETE, /api/v1/session, READ",
        "PUT, /api/v1/session, ADMIN",
        "PUT, /api/v1/recommendations, ADMIN",
        "DELETE, /api/v1/transcripts, ADMIN",
        "POST, /api/v1/actions, ADMIN",
        "POST, /api/v1/actions/validate/deploy, ADMIN",
        "POST, /api/v1/actions/refund/deploy, ADMIN",
        "PUT, /api/v1/actions/refund/rollout, ADMIN",
        "DELETE, /api/v1/actions/refund, ADMIN",
        "POST, /api/v1/webhooks, ADMIN",
        "POST, /api/v1/webhooks/wh_1/replay, ADMIN",
        "POST, /api/v1/plugins, ADMIN",
        "POST, /api/v1/plugins/rule-filter/stop, ADMIN",
        "PUT, /api/v1/interactions/c-1/subscription, ADMIN",
        "DELETE, /api/v1/interactions/c-1/subscription, ADMIN",
        "POST, /sandbox/faults, ADMIN",
        "DELETE, /sandbox/faults, ADMIN",
        "PATCH, /api/v1/actions/refund, ADMIN",
        "POST, /API/v1/recommendations, ADMIN",
        "POST, /api/v1/new-route-of-a-later-version, ADMIN",
    })
    void eachRequestNeedsItsScope(String method, String path, Scope scope) {
        assertThat(AccessRules.required(HttpMethod.valueOf(method), path)).isEqualTo(scope);
    }
}
