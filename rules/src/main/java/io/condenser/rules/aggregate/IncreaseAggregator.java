package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * {@code increase} and {@code increase_prometheus}: the sum of the input series' counter deltas
 * within the window (resets handled by {@link CounterTracker}); 0 in a window where a live group
 * got no sample. PromQL: {@code sum(increase(x[interval]))}, except that the delta across a window
 * boundary is counted in the window of the later sample (nothing is extrapolated).
 *
 * <p>{@code increase} counts a new series' first sample as an increase from 0; {@code
 * increase_prometheus} skips it, as Prometheus does.
 */
public final class IncreaseAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private final boolean prometheus;
    private double sum;

    public IncreaseAggregator(boolean prometheus) {
        this.prometheus = prometheus;
    }

    @Override
    public Output output() {
        return prometheus ? Output.INCREASE_PROMETHEUS : Output.INCREASE;
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
        sum += StateIo.requireSame(this, other, IncreaseAggregator.class).sum;
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
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeDouble(sum);
    }

    public static IncreaseAggregator read(DataInput in, boolean prometheus) throws IOException {
        StateIo.readVersion(in, prometheus ? "increase_prometheus" : "increase", CURRENT_VERSION);
        IncreaseAggregator a = new IncreaseAggregator(prometheus);
        a.sum = in.readDouble();
        return a;
    }
}
