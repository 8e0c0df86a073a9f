package io.assisthost.host.actions;

import java.util.List;

/**
 * Assigns conversations to rollout variants by a stable hash of conversation id and action name: the
 * same conversation sees the same variant of an action on every node and after every restart, while
 * different actions split the same conversations independently.
 */
public final class VariantAssigner {

    private static final int BUCKETS = 10_000;

    private VariantAssigner() {
    }

    /** The variant of {@code variants} (weights summing to 100) the conversation belongs to. */
    public static Variant assign(String conversationId, String action, List<Variant> variants) {
        int bucket = bucket(conversationId, action);
        int upper = 0;
        for (Variant variant : variants) {
            upper += variant.weight() * (BUCKETS / 100);
            if (bucket < upper) {
                return variant;
            }
        }
        // Only reached if the weights sum to less than 100, which rollouts refuse; the last one takes the rest.
        return variants.get(variants.size() - 1);
    }

    /** The conversation's bucket for an action, uniform over 0 to 9,999. */
    static int bucket(String conversationId, String action) {
        long hash = 0xcbf29ce484222325L;
        hash = fnv(hash, conversationId);
        hash = (hash ^ 0x1F) * 0x100000001b3L;
        hash = fnv(hash, action);
        return (int) Long.remainderUnsigned(mix(hash), BUCKETS);
    }

    private static long fnv(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    // FNV alone leaves similar ids (conv-1, conv-2, ...) in nearby buckets; murmur3's finaliser spreads them.
    private static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb93fe53a87cdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
