package io.condenser.rules.engine;

import io.condenser.rules.aggregate.CounterDelta;
import io.condenser.rules.aggregate.CounterTracker;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The per-input-series step of a rule, applied as samples arrive: {@code dedup_interval} (per slot
 * the sample with the greatest timestamp), staleness, and the counter tracker that turns values
 * into deltas. What it lets through goes straight into the window's aggregators, so nothing is
 * buffered per sample: the state is a few numbers per series, whatever the sample rate.
 *
 * <p>Samples are applied in arrival order, as Prometheus ingests them: gauge outputs take every
 * sample whose window is open, counter outputs skip a sample older than the series' last one
 * (counted out of order). With {@code dedup_interval} the sample of the newest slot is held until a
 * sample of a later slot arrives or its window closes ({@link #flush}); a sample for an older slot
 * than the held or last applied one is dropped as deduplicated.
 *
 * <p>{@link SeriesStage} runs it, in the job and in the reference evaluator alike.
 */
public final class SeriesFeed {

    static final int VERSION_1 = 1;

    /** Where applied samples go: the window of {@code timestampMs} gets them. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param delta the counter delta, or null when the rule has no counter output or the sample
         *     is out of order for counters
         */
        void apply(long timestampMs, double value, CounterDelta delta);
    }

    /** What became of one sample. */
    public enum Outcome {
        APPLIED,
        /** applied to gauge outputs only: older than the series' last sample */
        COUNTER_OUT_OF_ORDER,
        /** kept back as its dedup slot's candidate */
        HELD,
        /** dropped or replaced by {@code dedup_interval} */
        DEDUPLICATED
    }

    /** The constants of a rule this class needs, so the state does not hold them. */
    public record Params(long dedupMs, long stalenessMs, boolean anyCounter) {}

    private CounterTracker tracker = new CounterTracker();
    private long lastTimestampMs = Long.MIN_VALUE;
    private boolean held;
    private long heldTimestampMs;
    private double heldValue;

    /** Feeds one sample (never NaN, never a staleness marker). */
    public Outcome accept(Params p, long ts, double value, Sink sink) {
        if (p.dedupMs() <= 0) {
            return apply(p, ts, value, sink);
        }
        long slot = Math.floorDiv(ts, p.dedupMs());
        if (held) {
            long heldSlot = Math.floorDiv(heldTimestampMs, p.dedupMs());
            if (slot == heldSlot) {
                if (ts >= heldTimestampMs) {
                    heldTimestampMs = ts;
                    heldValue = value;
                }
                return Outcome.DEDUPLICATED;
            }
            if (slot < heldSlot) {
                return Outcome.DEDUPLICATED;
            }
            flushHeld(p, sink);
        } else if (lastTimestampMs != Long.MIN_VALUE
                && slot <= Math.floorDiv(lastTimestampMs, p.dedupMs())) {
            return Outcome.DEDUPLICATED; // its slot was applied already
        }
        held = true;
        heldTimestampMs = ts;
        heldValue = value;
        return Outcome.HELD;
    }

    /** A staleness marker ends the input series: the held sample is applied, counters restart. */
    public void end(Params p, Sink sink) {
        if (held) {
            flushHeld(p, sink);
        }
        tracker = new CounterTracker();
    }

    /** At a window close: applies the held sample when its window ends at or before {@code end}. */
    public void flush(Params p, long end, long intervalMs, Sink sink) {
        if (held && WindowSteps.windowEnd(heldTimestampMs, intervalMs) <= end) {
            flushHeld(p, sink);
        }
    }

    private void flushHeld(Params p, Sink sink) {
        held = false;
        apply(p, heldTimestampMs, heldValue, sink);
    }

    private Outcome apply(Params p, long ts, double value, Sink sink) {
        if (tracker.isStale(ts, p.stalenessMs())) {
            // silent longer than staleness_interval: the series starts anew
            tracker = new CounterTracker();
        }
        lastTimestampMs = Math.max(lastTimestampMs, ts);
        if (!p.anyCounter()) {
            sink.apply(ts, value, null);
            return Outcome.APPLIED;
        }
        CounterDelta d = tracker.observe(ts, value);
        sink.apply(ts, value, d);
        return d == null ? Outcome.COUNTER_OUT_OF_ORDER : Outcome.APPLIED;
    }

    /** The greatest timestamp applied or held, Long.MIN_VALUE before the first sample. */
    public long lastTimestampMs() {
        return held ? Math.max(lastTimestampMs, heldTimestampMs) : lastTimestampMs;
    }

    public boolean holdsSample() {
        return held;
    }

    /** The held sample's timestamp; only meaningful when {@link #holdsSample()}. */
    public long heldTimestampMs() {
        return heldTimestampMs;
    }

    /** Layout version 1: version byte, last timestamp, held flag (+ timestamp, value), tracker. */
    public void write(DataOutput out) throws IOException {
        out.writeByte(VERSION_1);
        out.writeLong(lastTimestampMs);
        out.writeBoolean(held);
        if (held) {
            out.writeLong(heldTimestampMs);
            out.writeDouble(heldValue);
        }
        tracker.write(out);
    }

    public static SeriesFeed read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw new IOException("series feed: unknown state version " + version);
        }
        SeriesFeed f = new SeriesFeed();
        f.lastTimestampMs = in.readLong();
        f.held = in.readBoolean();
        if (f.held) {
            f.heldTimestampMs = in.readLong();
            f.heldValue = in.readDouble();
        }
        f.tracker = CounterTracker.read(in);
        return f;
    }

    /** A feed continuing a tracker restored from an older state layout. */
    public static SeriesFeed continuing(CounterTracker tracker, long lastTimestampMs) {
        SeriesFeed f = new SeriesFeed();
        f.tracker = tracker;
        f.lastTimestampMs = lastTimestampMs;
        return f;
    }
}
