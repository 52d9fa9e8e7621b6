package io.condenser.rules.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The state {@code min} and {@code max} share: one value and whether any sample was seen. The
 * subclasses only say which of two values wins; layout version 1 is {@code seen} (boolean) then the
 * value (double), identical for both.
 */
abstract class ExtremumAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double value;
    private boolean seen;

    /** True when {@code candidate} should replace {@code current}. */
    abstract boolean prefers(double candidate, double current);

    @Override
    public void add(AggregatorInput input) {
        accept(input.value());
    }

    private void accept(double v) {
        if (!seen || prefers(v, value)) {
            value = v;
            seen = true;
        }
    }

    @Override
    public void merge(Aggregator other) {
        ExtremumAggregator o = StateIo.requireSame(this, other, getClass());
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

    static <A extends ExtremumAggregator> A read(DataInput in, A into) throws IOException {
        StateIo.readVersion(in, into.output().yamlName(), CURRENT_VERSION);
        ExtremumAggregator state = into;
        state.seen = in.readBoolean();
        state.value = in.readDouble();
        return into;
    }
}
