package io.condenser.connectors.remotewrite.writer;

import java.util.Arrays;

/**
 * What a writer keeps across a restore: per output series (by 64-bit series hash) the high-water
 * mark (last timestamp sent) and the wall-clock time of that write (for expiry). Immutable.
 */
public final class RemoteWriteWriterState {

    private final long[] seriesHashes;
    private final long[] highWaterMarks;
    private final long[] lastWriteMs;

    public RemoteWriteWriterState(long[] seriesHashes, long[] highWaterMarks, long[] lastWriteMs) {
        if (seriesHashes.length != highWaterMarks.length
                || seriesHashes.length != lastWriteMs.length) {
            throw new IllegalArgumentException("state arrays differ in length");
        }
        this.seriesHashes = seriesHashes.clone();
        this.highWaterMarks = highWaterMarks.clone();
        this.lastWriteMs = lastWriteMs.clone();
    }

    public int size() {
        return seriesHashes.length;
    }

    public long seriesHash(int i) {
        return seriesHashes[i];
    }

    public long highWaterMark(int i) {
        return highWaterMarks[i];
    }

    public long lastWriteMs(int i) {
        return lastWriteMs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteWriteWriterState s
                && Arrays.equals(seriesHashes, s.seriesHashes)
                && Arrays.equals(highWaterMarks, s.highWaterMarks)
                && Arrays.equals(lastWriteMs, s.lastWriteMs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(seriesHashes) * 31 + Arrays.hashCode(highWaterMarks);
    }

    @Override
    public String toString() {
        return "RemoteWriteWriterState{series=" + size() + "}";
    }
}
