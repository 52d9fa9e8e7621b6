package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** {@code count_samples}: how many samples arrived in the window (PromQL: count_over_time). */
public final class CountSamplesAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private long count;

    @Override
    public Output output() {
        return Output.COUNT_SAMPLES;
    }

    @Override
    public void add(AggregatorInput input) {
        count++;
    }

    @Override
    public void merge(Aggregator other) {
        count += StateIo.requireSame(this, other, CountSamplesAggregator.class).count;
    }

    @Override
    public List<ResultPoint> result() {
        return count == 0 ? List.of() : List.of(ResultPoint.of(count));
    }

    @Override
    public void reset() {
        count = 0;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeLong(count);
    }

    public static CountSamplesAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "count_samples", CURRENT_VERSION);
        CountSamplesAggregator a = new CountSamplesAggregator();
        a.count = in.readLong();
        return a;
    }
}
