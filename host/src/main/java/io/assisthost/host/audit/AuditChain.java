package io.assisthost.host.audit;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How an entry's hash is made: SHA-256 over its fields and its predecessor's hash, as a JSON array. */
final class AuditChain {

    /** The predecessor hash of the first entry ever written. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(long id, String at, String kind, String actor, String conversationId, String action,
                       String subject, String details, String previousHash) {
        String canonical = new JsonArray().add(id).add(at).add(kind).add(actor).add(conversationId).add(action)
                .add(subject).add(details).add(previousHash).encode();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
