package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The entity tag of a result set: a hash over the ranked items' document ids, versions and combined
 * scores rounded to three decimals, so that score noise below that does not count as a change. Genesys
 * search has no ETag of its own; this is the host's.
 */
public final class ResultEtag {

    private ResultEtag() {
    }

    /** The strong entity tag, quoted as HTTP sends it. */
    public static String of(List<Candidate> items) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        for (Candidate item : items) {
            String line = item.knowledgeBaseId() + '/' + item.documentId() + '@' + item.version() + '='
                    + thousandths(item.combinedScore()) + '\n';
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return '"' + HexFormat.of().formatHex(digest.digest(), 0, 16) + '"';
    }

    /** A score rounded to three decimals, as {@code 0.123}; a formatter on every item costs ten times more. */
    static String thousandths(double score) {
        return BigDecimal.valueOf(Math.round(score * 1000), 3).toPlainString();
    }

    /** Whether an {@code If-None-Match} header value matches the tag ({@code *} or a listed tag, weak or not). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }
}
