package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/**
 * {@code stdvar}: the population variance of the window's samples (PromQL: stdvar_over_time, all
 * input series of a group pooled).
 */
public final class StdvarAggregator extends MomentsAggregator {

    @Override
    public Output output() {
        return Output.STDVAR;
    }

    @Override
    double transform(double variance) {
        return variance;
    }

    public static StdvarAggregator read(DataInput in) throws IOException {
        return new StdvarAggregator().readFields(in);
    }
}
