package io.condenser.rules.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The state {@code sum_samples} and {@code avg} share: the sum and count of the window's sample
 * values. Subclasses only turn the two into the result; layout version 1 is the sum (double) then
 * the count (long), identical for both.
 */
abstract class SumCountAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double sum;
    private long count;

    /** The output value of a window with at least one sample. */
    abstract double value(double sum, long count);

    @Override
    public void add(AggregatorInput input) {
        sum += input.value();
        count++;
    }

    @Override
    public void merge(Aggregator other) {
        SumCountAggregator o = StateIo.requireSame(this, other, getClass());
        sum += o.sum;
        count += o.count;
    }

    @Override
    public List<ResultPoint> result() {
        return count == 0 ? List.of() : List.of(ResultPoint.of(value(sum, count)));
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeDouble(sum);
        out.writeLong(count);
    }

    static <A extends SumCountAggregator> A read(DataInput in, A into) throws IOException {
        StateIo.readVersion(in, into.output().yamlName(), CURRENT_VERSION);
        SumCountAggregator state = into;
        state.sum = in.readDouble();
        state.count = in.readLong();
        return into;
    }
}
