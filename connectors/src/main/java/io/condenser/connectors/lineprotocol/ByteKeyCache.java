package io.condenser.connectors.lineprotocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounded map from byte ranges to values, looked up without copying the key. Telegraf sends the
 * same measurements, tag sets and field keys over and over, so the parser caches what it derived
 * from their raw bytes (unescaped strings, sanitised names, the {@code Labels} of a tag set) and
 * skips that work on every repeat.
 *
 * <p>Hand-written rather than a {@code HashMap}: a map would need a key object (and a copy of the
 * bytes) per lookup. Open addressing with linear probing; when the table reaches its entry limit it
 * is cleared, which bounds memory against high-cardinality input at the cost of re-deriving. Not
 * thread-safe.
 */
final class ByteKeyCache<V> {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxEntries;
    private final int mask;
    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private int size;

    /**
     * @param maxEntries entries kept before the cache is cleared; the table is twice as big
     */
    ByteKeyCache(int maxEntries) {
        this.maxEntries = maxEntries;
        int capacity = Integer.highestOneBit(Math.max(2, maxEntries) * 2 - 1) << 1;
        this.mask = capacity - 1;
        this.keys = new byte[capacity][];
        this.hashes = new int[capacity];
        this.values = new Object[capacity];
    }

    /** Eight bytes per step (keys are measurement + tag sets of 30 to 200 bytes). */
    static int hash(byte[] buf, int off, int len) {
        long h = len * 0x9E3779B97F4A7C15L;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(buf, i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ buf[i]) * 0x100000001B3L;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    /** The value cached for the bytes, or null. */
    @SuppressWarnings("unchecked")
    V get(byte[] buf, int off, int len, int hash) {
        int i = hash & mask;
        while (true) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == hash && Arrays.equals(k, 0, k.length, buf, off, off + len)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Caches a value for (a copy of) the bytes; the caller has checked they are absent. */
    void put(byte[] buf, int off, int len, int hash, V value) {
        if (size >= maxEntries) {
            clear();
        }
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = Arrays.copyOfRange(buf, off, off + len);
        hashes[i] = hash;
        values[i] = value;
        size++;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(values, null);
        size = 0;
    }
}
