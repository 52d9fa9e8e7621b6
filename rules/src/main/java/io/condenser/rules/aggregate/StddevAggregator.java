package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/**
 * {@code stddev}: the population standard deviation of the window's samples (PromQL:
 * stddev_over_time, all input series of a group pooled).
 */
public final class StddevAggregator extends MomentsAggregator {

    @Override
    public Output output() {
        return Output.STDDEV;
    }

    @Override
    double transform(double variance) {
        return Math.sqrt(variance);
    }

    public static StddevAggregator read(DataInput in) throws IOException {
        return new StddevAggregator().readFields(in);
    }
}
