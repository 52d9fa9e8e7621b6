package io.condenser.model;

/**
 * A 64-bit series hash that is the same in every JVM and every release, so it can pick Kafka
 * partitions, shard keys and state layouts that outlive one process. {@link String#hashCode()} is
 * only 32 bits (collides at our cardinalities), and the well-known 64-bit hashes live in libraries
 * (Guava, zero-allocation-hashing) that Flink only ships shaded; FNV-1a over the UTF-16 chars with
 * a murmur3 finaliser is a few lines and good enough for partitioning.
 */
final class SeriesHash {
    static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private SeriesHash() {}

    /** Folds one string and a separator into the running hash. */
    static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        // A separator no label can contain, so ("ab","c") and ("a","bc") hash apart.
        h ^= 0xff;
        h *= PRIME;
        return h;
    }

    /** murmur3's fmix64: spreads FNV's weak low bits over the whole word. */
    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
