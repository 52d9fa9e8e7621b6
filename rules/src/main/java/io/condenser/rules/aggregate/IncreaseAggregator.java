package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/**
 * {@code increase} and {@code increase_prometheus}: the sum of the input series' counter deltas
 * within the window (resets handled by {@link CounterTracker}); 0 in a window where a live group
 * got no sample. PromQL: {@code sum(increase(x[interval]))}, except that the delta across a window
 * boundary is counted in the window of the later sample (nothing is extrapolated).
 *
 * <p>{@code increase} counts a new series' first sample as an increase from 0; {@code
 * increase_prometheus} skips it, as Prometheus does.
 */
public final class IncreaseAggregator extends CounterSumAggregator {

    public IncreaseAggregator(boolean prometheus) {
        super(prometheus);
    }

    @Override
    public Output output() {
        return prometheus() ? Output.INCREASE_PROMETHEUS : Output.INCREASE;
    }

    public static IncreaseAggregator read(DataInput in, boolean prometheus) throws IOException {
        return read(in, new IncreaseAggregator(prometheus));
    }
}
