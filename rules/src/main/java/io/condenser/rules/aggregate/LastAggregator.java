package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * {@code last}: the value of the sample with the greatest timestamp in the window, whatever order
 * samples arrived in (PromQL: last_over_time). Two samples with the same timestamp (from different
 * input series) are ordered by value, the greater one being "last": an arbitrary but fixed rule, so
 * the result does not depend on arrival or merge order.
 */
public final class LastAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double value;
    private long timestampMs;
    private boolean seen;

    @Override
    public Output output() {
        return Output.LAST;
    }

    @Override
    public void add(AggregatorInput input) {
        accept(input.timestampMs(), input.value());
    }

    private void accept(long ts, double v) {
        if (!seen || ts > timestampMs || (ts == timestampMs && Double.compare(v, value) > 0)) {
            timestampMs = ts;
            value = v;
            seen = true;
        }
    }

    @Override
    public void merge(Aggregator other) {
        LastAggregator o = StateIo.requireSame(this, other, LastAggregator.class);
        if (o.seen) {
            accept(o.timestampMs, o.value);
        }
    }

    @Override
    public List<ResultPoint> result() {
        return seen ? List.of(ResultPoint.of(value)) : List.of();
    }

    @Override
    public void reset() {
        value = 0;
        timestampMs = 0;
        seen = false;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeBoolean(seen);
        out.writeLong(timestampMs);
        out.writeDouble(value);
    }

    public static LastAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "last", CURRENT_VERSION);
        LastAggregator a = new LastAggregator();
        a.seen = in.readBoolean();
        a.timestampMs = in.readLong();
        a.value = in.readDouble();
        return a;
    }
}
