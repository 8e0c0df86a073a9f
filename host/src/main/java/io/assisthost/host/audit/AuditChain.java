package io.assisthost.host.audit;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an entry's hash is made: SHA-256 over its fields and its predecessor's hash, as a JSON array
 * {@code [id, at, kind, actor, conversationId, action, subject, details, previousHash]}.
 *
 * <p>Entries are chained on the store's single thread, so the array is made in two parts: the fields
 * between the id and the predecessor's hash (the {@linkplain #body body}, whose {@code details} are most
 * of the bytes to encode) by whoever appends, before the entry waits for that thread; the id and the
 * predecessor's hash there, once the entry's place in the chain is known.
 */
final class AuditChain {

    /** The predecessor hash of the first entry ever written. */
    static final String GENESIS = "0".repeat(64);

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    });

    private AuditChain() {
    }

    /** The encoded fields between the id and the predecessor's hash, without the array's brackets. */
    static String body(String at, String kind, String actor, String conversationId, String action, String subject,
                       String details) {
        String array = new JsonArray().add(at).add(kind).add(actor).add(conversationId).add(action).add(subject)
                .add(details).encode();
        return array.substring(1, array.length() - 1);
    }

    static String hash(long id, String body, String previousHash) {
        String link = new JsonArray().add(previousHash).encode();
        String canonical = "[" + id + "," + body + "," + link.substring(1, link.length() - 1) + "]";
        return HexFormat.of().formatHex(SHA_256.get().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
