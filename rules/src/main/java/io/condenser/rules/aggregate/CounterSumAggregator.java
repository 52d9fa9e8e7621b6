package io.condenser.rules.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The state the counter outputs {@code increase} and {@code total} (and their {@code _prometheus}
 * variants) share: a sum of input-series counter deltas, where the {@code _prometheus} variants
 * skip a new series' first sample. Whether the sum is carried across windows is the subclass's
 * part. Layout version 1 is the sum (double), identical for all four.
 */
abstract class CounterSumAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private final boolean prometheus;
    double sum;

    CounterSumAggregator(boolean prometheus) {
        this.prometheus = prometheus;
    }

    boolean prometheus() {
        return prometheus;
    }

    @Override
    public void add(AggregatorInput input) {
        if (input.firstSample() && prometheus) {
            return;
        }
        sum += input.value();
    }

    @Override
    public void merge(Aggregator other) {
        sum += StateIo.requireSame(this, other, getClass()).sum;
    }

    @Override
    public List<ResultPoint> result() {
        return List.of(ResultPoint.of(sum));
    }

    @Override
    public void reset() {
        sum = 0;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeDouble(sum);
    }

    static <A extends CounterSumAggregator> A read(DataInput in, A into) throws IOException {
        StateIo.readVersion(in, into.output().yamlName(), CURRENT_VERSION);
        into.sum = in.readDouble();
        return into;
    }
}
