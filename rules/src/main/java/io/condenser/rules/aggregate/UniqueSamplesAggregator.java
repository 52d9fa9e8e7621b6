package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code unique_samples}: how many distinct sample values arrived in the window (PromQL: {@code
 * count(count_values("v", x))} per step). {@code -0.0} counts as {@code 0.0}.
 */
public final class UniqueSamplesAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;
    private static final int MAX_VALUES = 1 << 28;

    private final Set<Double> values = new HashSet<>();

    @Override
    public Output output() {
        return Output.UNIQUE_SAMPLES;
    }

    @Override
    public void add(AggregatorInput input) {
        // + 0.0 turns -0.0 into 0.0: Double.equals would tell them apart
        values.add(input.value() + 0.0);
    }

    @Override
    public void merge(Aggregator other) {
        values.addAll(StateIo.requireSame(this, other, UniqueSamplesAggregator.class).values);
    }

    @Override
    public List<ResultPoint> result() {
        return values.isEmpty() ? List.of() : List.of(ResultPoint.of(values.size()));
    }

    @Override
    public void reset() {
        values.clear();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeInt(values.size());
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    public static UniqueSamplesAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "unique_samples", CURRENT_VERSION);
        UniqueSamplesAggregator a = new UniqueSamplesAggregator();
        int n = StateIo.readCount(in, "unique_samples", MAX_VALUES);
        for (int i = 0; i < n; i++) {
            a.values.add(in.readDouble());
        }
        return a;
    }
}
