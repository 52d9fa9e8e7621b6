package io.condenser.connectors.remotewrite.writer;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The last timestamp handed to the receivers per output series (keyed by {@code
 * Sample.seriesHash()}), and when that happened. A sample at or below its series' mark is not sent:
 * it is either a replay of what was already written or out of order, and the receiver would refuse
 * it. Marks of series idle for longer than the TTL are forgotten, which bounds the state.
 */
public final class SeriesHighWaterMarks {

    private final Map<Long, long[]> marks = new HashMap<>();

    /**
     * Records a sample of a series if it is newer than the mark.
     *
     * @return false when the sample is at or below the mark (and must not be sent)
     */
    public boolean advance(long seriesHash, long timestampMs, long nowMs) {
        long[] m = marks.get(seriesHash);
        if (m == null) {
            marks.put(seriesHash, new long[] {timestampMs, nowMs});
            return true;
        }
        if (timestampMs <= m[0]) {
            return false;
        }
        m[0] = timestampMs;
        m[1] = nowMs;
        return true;
    }

    /** Merges a restored mark: the higher timestamp wins. */
    public void restore(long seriesHash, long timestampMs, long lastWriteMs) {
        long[] m = marks.get(seriesHash);
        if (m == null || m[0] < timestampMs) {
            marks.put(seriesHash, new long[] {timestampMs, lastWriteMs});
        }
    }

    /** Forgets series not written since {@code nowMs - ttlMs}; returns how many. */
    public int expire(long nowMs, long ttlMs) {
        int removed = 0;
        for (Iterator<long[]> it = marks.values().iterator(); it.hasNext(); ) {
            if (it.next()[1] < nowMs - ttlMs) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** The mark of a series, or {@code Long.MIN_VALUE} when unknown. */
    public long mark(long seriesHash) {
        long[] m = marks.get(seriesHash);
        return m == null ? Long.MIN_VALUE : m[0];
    }

    public int size() {
        return marks.size();
    }

    public RemoteWriteWriterState snapshot() {
        int n = marks.size();
        long[] hashes = new long[n];
        long[] timestamps = new long[n];
        long[] lastWrites = new long[n];
        int i = 0;
        for (Map.Entry<Long, long[]> e : marks.entrySet()) {
            hashes[i] = e.getKey();
            timestamps[i] = e.getValue()[0];
            lastWrites[i] = e.getValue()[1];
            i++;
        }
        return new RemoteWriteWriterState(hashes, timestamps, lastWrites);
    }

    public void restore(RemoteWriteWriterState state) {
        for (int i = 0; i < state.size(); i++) {
            restore(state.seriesHash(i), state.highWaterMark(i), state.lastWriteMs(i));
        }
    }
}
