package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/**
 * {@code avg}: the mean of every sample value in the window, all input series together (PromQL:
 * {@code sum(sum_over_time(x[i])) / sum(count_over_time(x[i]))}).
 */
public final class AvgAggregator extends SumCountAggregator {

    @Override
    public Output output() {
        return Output.AVG;
    }

    @Override
    double value(double sum, long count) {
        return sum / count;
    }

    public static AvgAggregator read(DataInput in) throws IOException {
        return read(in, new AvgAggregator());
    }
}
