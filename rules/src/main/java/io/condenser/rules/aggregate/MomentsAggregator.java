package io.condenser.rules.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Count, mean and M2 (sum of squared deviations from the mean) of the window's samples: the
 * mergeable state behind {@code stdvar} and {@code stddev}. Adding uses Welford's update, merging
 * the pairwise formula of Chan, Golub and LeVeque (1979); both avoid the catastrophic cancellation
 * of the naive sum-of-squares form when values are large and close together.
 */
abstract sealed class MomentsAggregator implements Aggregator
        permits StdvarAggregator, StddevAggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    private long count;
    private double mean;
    private double m2;

    @Override
    public final void add(AggregatorInput input) {
        double x = input.value();
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }

    @Override
    public final void merge(Aggregator other) {
        MomentsAggregator o = StateIo.requireSame(this, other, MomentsAggregator.class);
        if (o.count == 0) {
            return;
        }
        if (count == 0) {
            count = o.count;
            mean = o.mean;
            m2 = o.m2;
            return;
        }
        long n = count + o.count;
        double delta = o.mean - mean;
        mean += delta * o.count / n;
        m2 += o.m2 + delta * delta * ((double) count * o.count / n);
        count = n;
    }

    /** Population variance, as PromQL's stdvar_over_time. */
    final double variance() {
        return m2 / count;
    }

    abstract double transform(double variance);

    @Override
    public final List<ResultPoint> result() {
        return count == 0 ? List.of() : List.of(ResultPoint.of(transform(variance())));
    }

    @Override
    public final void reset() {
        count = 0;
        mean = 0;
        m2 = 0;
    }

    @Override
    public final void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(m2);
    }

    final <T extends MomentsAggregator> T readFields(DataInput in) throws IOException {
        StateIo.readVersion(in, output().yamlName(), CURRENT_VERSION);
        count = in.readLong();
        mean = in.readDouble();
        m2 = in.readDouble();
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }
}
