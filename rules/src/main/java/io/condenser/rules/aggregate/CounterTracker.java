package io.condenser.rules.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The per-input-series half of the counter outputs: the series' last value and timestamp, turning
 * each new sample into a {@link CounterDelta}. The Flink job keeps one tracker per input series
 * (keyed by input series) and sends the deltas on to the per-output-group aggregators (keyed by
 * output group), which only sum them: that split is what keeps {@code total} monotonic when input
 * series come and go.
 *
 * <p>Rules, as vmagent's stream aggregation: a sample older than the last one is out of order and
 * ignored ({@link #observe} returns null); a value lower than the last is a counter reset and the
 * delta is the new value (the counter restarted from 0); an equal timestamp is applied (a repeated
 * sample has delta 0). A series whose last sample is older than the staleness interval is forgotten
 * by its owner ({@link #isStale}); when it comes back its next sample is a first sample.
 */
public final class CounterTracker {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double lastValue;
    private long lastTimestampMs;
    private boolean seen;

    /** The delta this sample contributes, or null when it is out of order (and ignored). */
    public CounterDelta observe(long timestampMs, double value) {
        if (!seen) {
            seen = true;
            lastValue = value;
            lastTimestampMs = timestampMs;
            return new CounterDelta(value, 0, true, false);
        }
        if (timestampMs < lastTimestampMs) {
            return null;
        }
        boolean reset = value < lastValue;
        CounterDelta d =
                new CounterDelta(
                        reset ? value : value - lastValue,
                        timestampMs - lastTimestampMs,
                        false,
                        reset);
        lastValue = value;
        lastTimestampMs = timestampMs;
        return d;
    }

    /** Silent for longer than {@code stalenessMs} at event time {@code nowMs}. */
    public boolean isStale(long nowMs, long stalenessMs) {
        return seen && nowMs - lastTimestampMs > stalenessMs;
    }

    public boolean hasSamples() {
        return seen;
    }

    public long lastTimestampMs() {
        return lastTimestampMs;
    }

    public double lastValue() {
        return lastValue;
    }

    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeBoolean(seen);
        out.writeLong(lastTimestampMs);
        out.writeDouble(lastValue);
    }

    public static CounterTracker read(DataInput in) throws IOException {
        StateIo.readVersion(in, "counter tracker", CURRENT_VERSION);
        CounterTracker t = new CounterTracker();
        t.seen = in.readBoolean();
        t.lastTimestampMs = in.readLong();
        t.lastValue = in.readDouble();
        return t;
    }
}
