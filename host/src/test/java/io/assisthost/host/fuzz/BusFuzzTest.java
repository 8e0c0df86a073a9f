package io.assisthost.host.fuzz;

import io.assisthost.host.fuzz.BadBodies.Body;
import io.assisthost.host.fuzz.BadBodies.Kind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
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
 * Every request/reply address of the event bus sent bad bodies: each gets a {@code ReplyException}
 * with a 4xx failure code and a message, never a timeout and never 500.
 */
class BusFuzzTest {

    private static final int TRIES = 60;
    /**
     * What can go wrong in a bus message: everything but the HTTP framing. A bus message has no bytes to
     * be invalid UTF-8 in a field (a {@code Buffer} in a {@code JsonObject} reads back as base64 text);
     * invalid UTF-8 arrives as a whole message of bytes ({@link Kind#NOT_JSON}).
     */
    private static final Set<Kind> BUS_KINDS = EnumSet.of(Kind.WRONG_TYPE, Kind.NULL_REQUIRED, Kind.MISSING_REQUIRED,
            Kind.UNKNOWN_FIELD, Kind.HUGE_STRING, Kind.OUT_OF_RANGE, Kind.NAN_LIKE, Kind.DEEP_NESTING,
            Kind.TOP_LEVEL_TYPE, Kind.NOT_JSON, Kind.EMPTY);

    private static FuzzHost host;

    @BeforeContainer
    static void startHost() {
        host = FuzzHost.start();
    }

    @AfterContainer
    static void stopHost() {
        if (host != null) {
            System.out.println("BusFuzzTest: " + host.cases() + " bad messages refused");
            host.close();
        }
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void recommend(@ForAll("recommendation") Body body) {
        refused("assist.recommend", body.bus(), body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void transcripts(@ForAll("transcript") Body body) {
        refused("assist.transcripts", body.bus(), body);
    }

    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES)
    void engagements(@ForAll("engagement") Body body) {
        refused("assist.engagements", body.bus(), body);
    }

    /** The address a node forwards an engagement to the node that showed the card on. */
    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES / 2)
    void forwardedEngagements(@ForAll("engagement") Body body, @ForAll boolean wrapped) {
        Object message = wrapped ? new JsonObject().put("event", body.bus()).put("actor", "fuzz") : body.bus();
        refused("assist.engagements.node." + host.nodeId(), message, body);
    }

    /** The address a node answers its engagement aggregates on. */
    @Property(shrinking = ShrinkingMode.OFF, tries = TRIES / 3)
    void aggregates(@ForAll("notAnAction") Object message) {
        Statistics.collect(message == null ? "null" : message.getClass().getSimpleName());
        host.assertBusRefusal("assist.engagements.aggregates." + host.nodeId(), message, String.valueOf(message));
    }

    @Provide
    Arbitrary<Body> recommendation() {
        return Shapes.recommendation().only(BUS_KINDS);
    }

    @Provide
    Arbitrary<Body> transcript() {
        return Shapes.transcript().only(BUS_KINDS);
    }

    @Provide
    Arbitrary<Body> engagement() {
        return Arbitraries.oneOf(Shapes.cardEngagement(host.nodeId()).only(BUS_KINDS),
                Shapes.articleEngagement().only(BUS_KINDS));
    }

    @Provide
    Arbitrary<Object> notAnAction() {
        return Arbitraries.of("fuzz-card", 42, true, Buffer.buffer(new byte[] {(byte) 0xC3, 0x28}), new JsonArray(),
                new JsonObject(), new JsonObject().put("action", 42), new JsonObject().put("action", new JsonArray()),
                new JsonObject().put("action", ""), new JsonObject().put("action", "x".repeat(1 << 20)));
    }

    private static void refused(String address, Object message, Body body) {
        Statistics.collect(body.kind());
        host.assertBusRefusal(address, message, body.toString());
    }
}
