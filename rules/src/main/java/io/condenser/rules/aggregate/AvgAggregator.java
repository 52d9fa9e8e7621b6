package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * {@code avg}: the mean of every sample value in the window, all input series together (PromQL:
 * {@code sum(sum_over_time(x[i])) / sum(count_over_time(x[i]))}).
 */
public final class AvgAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private double sum;
    private long count;

    @Override
    public Output output() {
        return Output.AVG;
    }

    @Override
    public void add(AggregatorInput input) {
        sum += input.value();
        count++;
    }

    @Override
    public void merge(Aggregator other) {
        AvgAggregator o = StateIo.requireSame(this, other, AvgAggregator.class);
        sum += o.sum;
        count += o.count;
    }

    @Override
    public List<ResultPoint> result() {
        return count == 0 ? List.of() : List.of(ResultPoint.of(sum / count));
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

    public static AvgAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "avg", CURRENT_VERSION);
        AvgAggregator a = new AvgAggregator();
        a.sum = in.readDouble();
        a.count = in.readLong();
        return a;
    }
}
