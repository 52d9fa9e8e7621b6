package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/** {@code max}: the maximum sample value in the window (PromQL: max(max_over_time(…))). */
public final class MaxAggregator extends ExtremumAggregator {

    @Override
    public Output output() {
        return Output.MAX;
    }

    @Override
    boolean prefers(double candidate, double current) {
        return candidate > current;
    }

    public static MaxAggregator read(DataInput in) throws IOException {
        return read(in, new MaxAggregator());
    }
}
