package io.condenser.rules.aggregate;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;
import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * {@code count_series}: how many distinct input series sent at least one sample in the window
 * (PromQL: {@code count(count_over_time(x[i]))}). Series are identified by their 64-bit {@link
 * SeriesIds id}: exact up to hash collisions (probability about n²/2⁶⁵ for n series, below 10⁻⁷ for
 * a million series).
 */
public final class CountSeriesAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;
    private static final int MAX_SERIES = 1 << 28;

    /** Primitive longs: one insert per sample, no boxed key per insert. */
    private final LongHashSet series = new LongHashSet();

    @Override
    public Output output() {
        return Output.COUNT_SERIES;
    }

    @Override
    public void add(AggregatorInput input) {
        series.add(input.seriesId());
    }

    @Override
    public void merge(Aggregator other) {
        series.addAll(StateIo.requireSame(this, other, CountSeriesAggregator.class).series);
    }

    @Override
    public List<ResultPoint> result() {
        return series.isEmpty() ? List.of() : List.of(ResultPoint.of(series.size()));
    }

    @Override
    public void reset() {
        series.clear();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeInt(series.size());
        for (LongCursor c : series) {
            out.writeLong(c.value);
        }
    }

    public static CountSeriesAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "count_series", CURRENT_VERSION);
        CountSeriesAggregator a = new CountSeriesAggregator();
        int n = StateIo.readCount(in, "count_series", MAX_SERIES);
        for (int i = 0; i < n; i++) {
            a.series.add(in.readLong());
        }
        return a;
    }
}
