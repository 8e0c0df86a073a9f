package io.assisthost.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    /** The chain's definition: SHA-256 of the nine fields encoded as one JSON array. */
    private static String definition(long id, String at, String kind, String actor, String conversationId,
                                     String action, String subject, String details, String previousHash)
            throws NoSuchAlgorithmException {
        String canonical = new JsonArray().add(id).add(at).add(kind).add(actor).add(conversationId).add(action)
                .add(subject).add(details).add(previousHash).encode();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEntryWrittenByEarlierReleasesStillVerifies() {
        // Computed by the release that wrote entries in one piece; databases it wrote must keep verifying.
        assertThat(AuditChain.hash(7, AuditChain.body("2026-02-01T09:00:00Z", "recommendation", null, "c-1", null,
                "kb-1", "{\"count\":3,\"title\":\"Refunds \\\"fast\\\"\\nand \u00e9\"}"), AuditChain.GENESIS))
                .isEqualTo("119e7449f7980c63e83f218639d4210e9357ca144de918703062024d09c4eb74");
    }

    @Property(tries = 300)
    void madeInTwoPartsItIsTheHashOfTheWholeArray(@ForAll long id, @ForAll String at, @ForAll String kind,
                                                  @ForAll @WithNull String actor, @ForAll @WithNull String conversationId,
                                                  @ForAll @WithNull String action, @ForAll @WithNull String subject,
                                                  @ForAll String details, @ForAll @WithNull String previousHash)
            throws NoSuchAlgorithmException {
        assertThat(AuditChain.hash(id, AuditChain.body(at, kind, actor, conversationId, action, subject, details),
                previousHash)).isEqualTo(definition(id, at, kind, actor, conversationId, action, subject, details,
                previousHash));
    }
}
