package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.IOException;

/**
 * {@code total} and {@code total_prometheus}: a running sum of the input series' counter deltas per
 * output group, carried across windows ({@link #cumulative()}), so the output is itself a counter
 * that never decreases while input series reset, appear and disappear (a replaced pod's new series
 * adds its increase; the old series' last value stays counted). PromQL has no equivalent: it is
 * what {@code sum(x)} would be if no input counter ever reset or vanished.
 *
 * <p>{@code total} counts a new series' first sample as an increase from 0 (a counter created at 0
 * that reached its first value); {@code total_prometheus} skips it, as Prometheus' rate() and
 * increase() do. Once the sum reaches 2⁵³ (where float64 starts losing integer precision) the carry
 * restarts at 0 after being emitted, which readers see as an ordinary counter reset.
 */
public final class TotalAggregator extends CounterSumAggregator {

    static final double PRECISION_LIMIT = 0x1p53;

    public TotalAggregator(boolean prometheus) {
        super(prometheus);
    }

    @Override
    public Output output() {
        return prometheus() ? Output.TOTAL_PROMETHEUS : Output.TOTAL;
    }

    @Override
    public boolean cumulative() {
        return true;
    }

    @Override
    public void afterEmit() {
        if (Math.abs(sum) >= PRECISION_LIMIT) {
            sum = 0;
        }
    }

    public static TotalAggregator read(DataInput in, boolean prometheus) throws IOException {
        return read(in, new TotalAggregator(prometheus));
    }
}
