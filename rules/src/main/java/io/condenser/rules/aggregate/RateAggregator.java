package io.condenser.rules.aggregate;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code rate_sum} and {@code rate_avg}: per input series, its increase within the window divided
 * by the time it covers, then summed ({@code rate_sum}) or averaged ({@code rate_avg}) over the
 * series of the group, as vmagent defines them.
 *
 * <p>Exactly: for series s with samples t₁ < … < tₙ in the window, and t₀ its previous sample (the
 * last one of an earlier window; for a new series t₀ = t₁ and t₁ contributes nothing), rateₛ = (Σ
 * deltas of t₁…tₙ) / ((tₙ − t₀) / 1 s). A series with tₙ = t₀ (a new series with one sample) has no
 * rate and is not counted. {@code rate_avg} = Σ rateₛ / (number of series with a rate); no output
 * when no series has one. PromQL: close to {@code sum(rate(x[interval]))} and {@code
 * avg(rate(x[interval]))} without extrapolation.
 *
 * <p>The state holds (increase, elapsed ms) per input series: the division must happen per series
 * before summing, and merging adds both per series, so pre-aggregation before a shuffle is exact.
 * The result sums the series in the order of their ids, so it is the same to the last bit however
 * the partials were merged (a replay writes the value it wrote before).
 */
public final class RateAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;
    private static final int MAX_SERIES = 1 << 28;

    private final boolean average;

    /** Primitive long keys: one lookup per sample, no boxed key per lookup. */
    private final LongObjectHashMap<double[]> perSeries = new LongObjectHashMap<>();

    public RateAggregator(boolean average) {
        this.average = average;
    }

    @Override
    public Output output() {
        return average ? Output.RATE_AVG : Output.RATE_SUM;
    }

    @Override
    public void add(AggregatorInput input) {
        if (input.firstSample()) {
            return;
        }
        double[] s = slot(input.seriesId());
        s[0] += input.value();
        s[1] += input.elapsedMs();
    }

    private double[] slot(long seriesId) {
        int i = perSeries.indexOf(seriesId);
        if (perSeries.indexExists(i)) {
            return perSeries.indexGet(i);
        }
        double[] s = new double[2];
        perSeries.indexInsert(i, seriesId, s);
        return s;
    }

    @Override
    public void merge(Aggregator other) {
        RateAggregator o = StateIo.requireSame(this, other, RateAggregator.class);
        for (LongObjectCursor<double[]> c : o.perSeries) {
            double[] mine = slot(c.key);
            mine[0] += c.value[0];
            mine[1] += c.value[1];
        }
    }

    @Override
    public List<ResultPoint> result() {
        long[] ids = perSeries.keys().toArray();
        Arrays.sort(ids);
        double rate = 0;
        int series = 0;
        for (long id : ids) {
            double[] s = perSeries.get(id);
            if (s[1] > 0) {
                rate += s[0] / (s[1] / 1000.0);
                series++;
            }
        }
        if (series == 0) {
            return List.of();
        }
        return List.of(ResultPoint.of(average ? rate / series : rate));
    }

    @Override
    public void reset() {
        perSeries.clear();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeInt(perSeries.size());
        for (LongObjectCursor<double[]> c : perSeries) {
            out.writeLong(c.key);
            out.writeDouble(c.value[0]);
            out.writeDouble(c.value[1]);
        }
    }

    public static RateAggregator read(DataInput in, boolean average) throws IOException {
        StateIo.readVersion(in, average ? "rate_avg" : "rate_sum", CURRENT_VERSION);
        RateAggregator a = new RateAggregator(average);
        int n = StateIo.readCount(in, "rate", MAX_SERIES);
        for (int i = 0; i < n; i++) {
            long id = in.readLong();
            a.perSeries.put(id, new double[] {in.readDouble(), in.readDouble()});
        }
        return a;
    }
}
