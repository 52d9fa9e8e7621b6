package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/** {@code min}: the minimum sample value in the window (PromQL: min(min_over_time(…))). */
public final class MinAggregator extends ExtremumAggregator {

    @Override
    public Output output() {
        return Output.MIN;
    }

    @Override
    boolean prefers(double candidate, double current) {
        return candidate < current;
    }

    public static MinAggregator read(DataInput in) throws IOException {
        return read(in, new MinAggregator());
    }
}
