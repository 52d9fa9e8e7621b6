package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/** {@code sum_samples}: the sum of every sample value in the window (PromQL: none, per window). */
public final class SumSamplesAggregator extends SumCountAggregator {

    @Override
    public Output output() {
        return Output.SUM_SAMPLES;
    }

    @Override
    double value(double sum, long count) {
        return sum;
    }

    public static SumSamplesAggregator read(DataInput in) throws IOException {
        return read(in, new SumSamplesAggregator());
    }
}
