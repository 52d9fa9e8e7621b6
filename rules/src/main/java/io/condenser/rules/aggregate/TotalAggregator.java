package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

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
public final class TotalAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;
    static final double PRECISION_LIMIT = 0x1p53;

    private final boolean prometheus;
    private double sum;

    public TotalAggregator(boolean prometheus) {
        this.prometheus = prometheus;
    }

    @Override
    public Output output() {
        return prometheus ? Output.TOTAL_PROMETHEUS : Output.TOTAL;
    }

    @Override
    public void add(AggregatorInput input) {
        if (input.firstSample() && prometheus) {
            return;
        }
        sum += input.value();
    }

    @Override
    public void merge(Aggregator other) {
        sum += StateIo.requireSame(this, other, TotalAggregator.class).sum;
    }

    @Override
    public List<ResultPoint> result() {
        return List.of(ResultPoint.of(sum));
    }

    @Override
    public void reset() {
        sum = 0;
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

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeDouble(sum);
    }

    public static TotalAggregator read(DataInput in, boolean prometheus) throws IOException {
        StateIo.readVersion(in, prometheus ? "total_prometheus" : "total", CURRENT_VERSION);
        TotalAggregator a = new TotalAggregator(prometheus);
        a.sum = in.readDouble();
        return a;
    }
}
