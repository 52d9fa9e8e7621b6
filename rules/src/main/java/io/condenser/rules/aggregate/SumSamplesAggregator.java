package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** {@code sum_samples}: the sum of every sample value in the window (PromQL: none, per window). */
public final class SumSamplesAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double sum;
    private long count;

    @Override
    public Output output() {
        return Output.SUM_SAMPLES;
    }

    @Override
    public void add(AggregatorInput input) {
        sum += input.value();
        count++;
    }

    @Override
    public void merge(Aggregator other) {
        SumSamplesAggregator o = StateIo.requireSame(this, other, SumSamplesAggregator.class);
        sum += o.sum;
        count += o.count;
    }

    @Override
    public List<ResultPoint> result() {
        return count == 0 ? List.of() : List.of(ResultPoint.of(sum));
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

    public static SumSamplesAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "sum_samples", CURRENT_VERSION);
        SumSamplesAggregator a = new SumSamplesAggregator();
        a.sum = in.readDouble();
        a.count = in.readLong();
        return a;
    }
}
