package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** {@code max}: the maximum sample value in the window (PromQL: max(max_over_time(…))). */
public final class MaxAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double value;
    private boolean seen;

    @Override
    public Output output() {
        return Output.MAX;
    }

    @Override
    public void add(AggregatorInput input) {
        accept(input.value());
    }

    private void accept(double v) {
        if (!seen || v > value) {
            value = v;
            seen = true;
        }
    }

    @Override
    public void merge(Aggregator other) {
        MaxAggregator o = StateIo.requireSame(this, other, MaxAggregator.class);
        if (o.seen) {
            accept(o.value);
        }
    }

    @Override
    public List<ResultPoint> result() {
        return seen ? List.of(ResultPoint.of(value)) : List.of();
    }

    @Override
    public void reset() {
        value = 0;
        seen = false;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeBoolean(seen);
        out.writeDouble(value);
    }

    public static MaxAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "max", CURRENT_VERSION);
        MaxAggregator a = new MaxAggregator();
        a.seen = in.readBoolean();
        a.value = in.readDouble();
        return a;
    }
}
