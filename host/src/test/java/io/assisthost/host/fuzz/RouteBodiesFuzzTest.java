package io.assisthost.host.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.fuzz.BadBodies.Body;
import io.assisthost.host.fuzz.BadBodies.Kind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Every route that takes a JSON body, sent bad bodies of every kind (see {@link BadBodies}): each is
 * refused with a 4xx problem+json within the bound, never a 5xx; the host stays healthy and no event
 * loop blocks.
 */
class RouteBodiesFuzzTest {

    private static final int TRIES = 60;

    private static FuzzHost host;

    @BeforeContainer
    static void startHost() {
        host = FuzzHost.start();
    }

    @AfterContainer
    static void stopHost() {
        if (host != null) {
            System.out.println("RouteBodiesFuzzTest: " + host.cases() + " bad requests refused");
            host.close();
        }
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void recommendations(@ForAll("recommendation") Body body) {
        refused(HttpMethod.POST, "/api/v1/recommendations", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void subscribe(@ForAll("subscription") Body body) {
        refused(HttpMethod.PUT, "/api/v1/interactions/c-fuzz/subscription", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void transcripts(@ForAll("transcript") Body body) {
        refused(HttpMethod.POST, "/api/v1/transcripts", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void engagements(@ForAll("engagement") Body body) {
        refused(HttpMethod.POST, "/api/v1/engagements", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void createAction(@ForAll("newAction") Body body) {
        refused(HttpMethod.POST, "/api/v1/actions", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void addActionVersion(@ForAll("actionVersion") Body body) {
        refused(HttpMethod.PUT, "/api/v1/actions/" + FuzzHost.ACTION, Map.of("If-Match", "*"), body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void deployAction(@ForAll("deploy") Body body) {
        refused(HttpMethod.POST, "/api/v1/actions/" + FuzzHost.ACTION + "/deploy", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void changeRollout(@ForAll("rollout") Body body) {
        refused(HttpMethod.PUT, "/api/v1/actions/" + FuzzHost.ACTION + "/rollout", body);
    }

    /** A dry run answers 200 {@code valid: false} for a definition it could read; anything else is refused. */
    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void validateAction(@ForAll("newAction") Body body) {
        Statistics.collect(body.kind());
        FuzzHost.Answer answer = host.send(HttpMethod.POST, "/api/v1/actions/validate", headers(body, Map.of()), body.http());
        if (answer.status() == 200) {
            JsonObject result = answer.json();
            assertThat(result.getBoolean("valid")).as("%s: %s", body, answer).isFalse();
            assertThat(result.getJsonArray("errors")).as("%s", body).isNotEmpty();
        } else {
            FuzzHost.assertProblem(answer, "POST /api/v1/actions/validate with " + body);
        }
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void createSink(@ForAll("newSink") Body body) {
        refused(HttpMethod.POST, "/api/v1/webhooks", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void updateSink(@ForAll("sinkUpdate") Body body) {
        refused(HttpMethod.PUT, "/api/v1/webhooks/" + host.sinkId(), body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void replay(@ForAll("replay") Body body) {
        refused(HttpMethod.POST, "/api/v1/webhooks/" + host.sinkId() + "/replay", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void sandboxFaults(@ForAll("faults") Body body) {
        refused(HttpMethod.POST, "/sandbox/faults", body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES / 3)
    void session(@ForAll("bytesOnly") Body body) {
        refused(HttpMethod.POST, "/api/v1/session", body);
    }

    /** Plugin uploads that are no plugin jar: bytes, a zip without a descriptor, JSON, nothing, too much. */
    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES / 2)
    void uploadPlugin(@ForAll("notAJar") Map.Entry<String, byte[]> upload) {
        Statistics.collect(upload.getKey());
        host.refused(HttpMethod.POST, "/api/v1/plugins", Map.of("Content-Type", upload.getKey().equals("json")
                ? "application/json" : "application/java-archive"), Buffer.buffer(upload.getValue()), upload.getKey());
    }

    @Provide
    Arbitrary<Map.Entry<String, byte[]>> notAJar() {
        Arbitrary<Map.Entry<String, byte[]>> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4_096)
                .map(random -> Map.entry("random bytes", random));
        Arbitrary<Map.Entry<String, byte[]>> zips = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                .map(name -> Map.entry("a zip without a plugin descriptor", zip(name + ".txt")));
        Arbitrary<Map.Entry<String, byte[]>> truncated = Arbitraries.integers().between(1, 100)
                .map(cut -> Map.entry("a truncated zip", Arrays.copyOf(zip("a.txt"), cut)));
        Arbitrary<Map.Entry<String, byte[]>> fixed = Arbitraries.of(Map.entry("empty", new byte[0]),
                Map.entry("json", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                Map.entry("oversized", new byte[FuzzHost.MAX_UPLOAD_BYTES + 1]));
        return Arbitraries.oneOf(bytes, zips, truncated, fixed);
    }

    private static byte[] zip(String entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("not a plugin".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<Body> recommendation() {
        return Shapes.recommendation().all();
    }

    @Provide
    Arbitrary<Body> subscription() {
        return Shapes.subscription().all();
    }

    @Provide
    Arbitrary<Body> transcript() {
        return Shapes.transcript().all();
    }

    @Provide
    Arbitrary<Body> engagement() {
        return Arbitraries.oneOf(Shapes.cardEngagement(host.nodeId()).all(), Shapes.articleEngagement().all());
    }

    @Provide
    Arbitrary<Body> newAction() {
        return Shapes.action("1.0.0").all();
    }

    @Provide
    Arbitrary<Body> actionVersion() {
        return Shapes.actionVersion().all();
    }

    @Provide
    Arbitrary<Body> deploy() {
        return Shapes.deploy().all();
    }

    @Provide
    Arbitrary<Body> rollout() {
        return Shapes.rollout().all();
    }

    @Provide
    Arbitrary<Body> newSink() {
        return Shapes.sink(true, null).all();
    }

    @Provide
    Arbitrary<Body> sinkUpdate() {
        return Shapes.sink(false, host.sinkId()).all();
    }

    @Provide
    Arbitrary<Body> replay() {
        return Arbitraries.oneOf(Shapes.replayDeadLetters().all(), Shapes.replayRange().all());
    }

    @Provide
    Arbitrary<Body> faults() {
        return Shapes.faults().all();
    }

    @Provide
    Arbitrary<Body> bytesOnly() {
        return Shapes.anyJson().only(Set.of(Kind.NOT_JSON, Kind.OVERSIZED, Kind.WRONG_CONTENT_TYPE, Kind.INVALID_UTF8));
    }

    private static void refused(HttpMethod method, String path, Body body) {
        refused(method, path, Map.of(), body);
    }

    private static void refused(HttpMethod method, String path, Map<String, String> extraHeaders, Body body) {
        Statistics.collect(body.kind());
        host.refused(method, path, headers(body, extraHeaders), body.http(), body.toString());
    }

    private static Map<String, String> headers(Body body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (body.contentType() != null) {
            headers.put("Content-Type", body.contentType());
        }
        return headers;
    }
}
