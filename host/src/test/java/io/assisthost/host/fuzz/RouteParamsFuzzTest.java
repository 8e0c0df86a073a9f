package io.assisthost.host.fuzz;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Every route with a path parameter sent ids that name nothing or cannot be ids (unicode, invalid
 * percent-encoding and UTF-8, control characters, dot segments, encoded slashes, 201 to 3,000
 * characters), and every route with query parameters sent one bad parameter among good ones: each is
 * refused with a 4xx problem+json.
 */
class RouteParamsFuzzTest {

    private static final int TRIES = 60;
    private static final String SUFFIX = "{id}";

    private static FuzzHost host;

    @BeforeContainer
    static void startHost() {
        host = FuzzHost.start();
    }

    @AfterContainer
    static void stopHost() {
        if (host != null) {
            System.out.println("RouteParamsFuzzTest: " + host.cases() + " bad requests refused");
            host.close();
        }
    }

    /** Routes under an id that names nothing: 404 (or 400, 405, 428), never a 5xx. */
    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES * 4)
    void unknownIds(@ForAll("idRoutes") Map.Entry<HttpMethod, String> route, @ForAll("ids") String id) {
        Statistics.collect(route.getValue().substring(0, route.getValue().indexOf(SUFFIX)));
        String uri = route.getValue().replace(SUFFIX, id);
        boolean hasBody = route.getKey() == HttpMethod.POST || route.getKey() == HttpMethod.PUT;
        host.refused(route.getKey(), uri, hasBody ? Map.of("Content-Type", "application/json") : Map.of(),
                hasBody ? new JsonObject().put("version", "1.0.0").toBuffer() : null, "id " + FuzzHost.abbreviated(id));
    }

    /** A subscription under an id that cannot be one, with a valid body. */
    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES / 2)
    void subscriptionIds(@ForAll("invalidIds") String id) {
        host.refused(HttpMethod.PUT, "/api/v1/interactions/" + id + "/subscription",
                Map.of("Content-Type", "application/json"), Buffer.buffer("{}"), "id " + FuzzHost.abbreviated(id));
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void auditQuery(@ForAll("auditParameters") String query) {
        host.refused(HttpMethod.GET, "/api/v1/audit?" + query, Map.of(), null, query);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void deliveriesQuery(@ForAll("deliveryParameters") String query) {
        host.refused(HttpMethod.GET, "/api/v1/webhooks/" + host.sinkId() + "/deliveries?" + query, Map.of(), null, query);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES / 3)
    void actionsQuery(@ForAll("retiredValues") String value) {
        host.refused(HttpMethod.GET, "/api/v1/actions?retired=" + value, Map.of(), null, "retired=" + value);
    }

    @Provide
    Arbitrary<Map.Entry<HttpMethod, String>> idRoutes() {
        return Arbitraries.of(List.of(
                Map.entry(HttpMethod.GET, "/api/v1/interactions/{id}/subscription"),
                Map.entry(HttpMethod.DELETE, "/api/v1/interactions/{id}/subscription"),
                Map.entry(HttpMethod.GET, "/api/v1/interactions/{id}/recommendations"),
                Map.entry(HttpMethod.GET, "/api/v1/actions/{id}"),
                Map.entry(HttpMethod.PUT, "/api/v1/actions/{id}"),
                Map.entry(HttpMethod.DELETE, "/api/v1/actions/{id}"),
                Map.entry(HttpMethod.GET, "/api/v1/actions/{id}/versions"),
                Map.entry(HttpMethod.POST, "/api/v1/actions/{id}/deploy"),
                Map.entry(HttpMethod.PUT, "/api/v1/actions/{id}/rollout"),
                Map.entry(HttpMethod.GET, "/api/v1/actions/{id}/metrics"),
                Map.entry(HttpMethod.GET, "/api/v1/webhooks/{id}"),
                Map.entry(HttpMethod.PUT, "/api/v1/webhooks/{id}"),
                Map.entry(HttpMethod.DELETE, "/api/v1/webhooks/{id}"),
                Map.entry(HttpMethod.GET, "/api/v1/webhooks/{id}/deliveries"),
                Map.entry(HttpMethod.POST, "/api/v1/webhooks/{id}/replay"),
                Map.entry(HttpMethod.POST, "/api/v1/plugins/{id}/start"),
                Map.entry(HttpMethod.POST, "/api/v1/plugins/{id}/stop"),
                Map.entry(HttpMethod.POST, "/api/v1/plugins/{id}/reload")));
    }

    /** Path segments, as sent (percent-encoded where needed). */
    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                .map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        return Arbitraries.oneOf(unicode, invalidIds(), Arbitraries.of("..", "%2e%2e", "a%2Fb", "%25", "%00", "%0A", "x%20y"));
    }

    /** Segments that cannot be an interaction id, whatever exists. */
    @Provide
    Arbitrary<String> invalidIds() {
        Arbitrary<String> encoding = Arbitraries.of("%", "%zz", "%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%E2%82", "%20",
                "%20%20", "%09");
        Arbitrary<String> tooLong = Arbitraries.integers().between(201, 3_000).map("a"::repeat);
        return Arbitraries.oneOf(encoding, tooLong);
    }

    @Provide
    Arbitrary<String> auditParameters() {
        Arbitrary<String> bad = Arbitraries.oneOf(
                Arbitraries.of("0", "501", "-1", "1e3", "abc", "", "99999999999", "%205", "1.5", "%zz", "%C3%28")
                        .map(value -> "limit=" + value),
                Arbitraries.of("abc", "1.5", "", "99999999999999999999", "%FF").map(value -> "cursor=" + value),
                Combinators.combine(Arbitraries.of("from", "to"), Arbitraries.of("yesterday", "2026-13-01T00:00:00Z", "",
                        "1700000000", "2026-01-01", "%C0%AF")).as((name, value) -> name + "=" + value),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).filter(name -> !List.of("interaction", "action",
                        "kind", "from", "to", "cursor", "limit").contains(name)).map(name -> name + "=1"));
        return withGood(bad, List.of("interaction=c-1", "kind=config", "action=fuzz-card", "limit=10"));
    }

    @Provide
    Arbitrary<String> deliveryParameters() {
        Arbitrary<String> bad = Arbitraries.oneOf(
                Arbitraries.of("0", "501", "-1", "abc", "", "99999999999", "%zz").map(value -> "limit=" + value),
                Arbitraries.of("abc", "1.5", "", "99999999999999999999", "%C3%28").map(value -> "cursor=" + value),
                Arbitraries.of("PENDING", "failed", "", "dead%00", "%FF", "x".repeat(3_000)).map(value -> "state=" + value));
        return withGood(bad, List.of("state=pending", "limit=10"));
    }

    @Provide
    Arbitrary<String> retiredValues() {
        return Arbitraries.of("", "yes", "1", "TRUE", "%zz", "%C3%28", "x".repeat(3_000), "true&retired=false");
    }

    /** One bad parameter, before or after some good ones. */
    private static Arbitrary<String> withGood(Arbitrary<String> bad, List<String> good) {
        return Combinators.combine(bad, Arbitraries.subsetOf(good), Arbitraries.of(true, false))
                .as((parameter, others, first) -> {
                    String rest = String.join("&", others.stream()
                            .filter(other -> !other.startsWith(parameter.substring(0, parameter.indexOf('=') + 1))).toList());
                    return rest.isEmpty() ? parameter : first ? parameter + "&" + rest : rest + "&" + parameter;
                });
    }
}
