package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code histogram_bucket}: sample values counted into Prometheus histogram buckets, emitted as a
 * Prometheus classic histogram: cumulative {@code _bucket{le="b"}} counts (values ≤ b) for each
 * configured bound and {@code le="+Inf"}, plus {@code _sum} and {@code _count}. Like vmagent's
 * histogram_bucket the counts are carried across windows ({@link #cumulative()}) while the output
 * group lives, so the series are counters: query them with {@code histogram_quantile(φ,
 * sum(rate(x_bucket[5m])) by (le))}. For gauges (latencies reported as samples); for aggregating
 * histograms an app already exposes, use {@code total} on its {@code _bucket} series instead.
 *
 * <p>Default bounds are Prometheus' client default buckets. NaN never reaches an aggregator.
 */
public final class HistogramBucketAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    /** Prometheus client libraries' default buckets (seconds). */
    public static final List<Double> DEFAULT_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    private static final int MAX_BUCKETS = 10_000;

    private final double[] bounds;
    private final List<String> boundLabels;
    private final long[] counts; // per bucket, not cumulative; counts[bounds.length] = above last
    private double sum;
    private long count;

    /** Parsed bounds and their label texts, shared by every aggregator of the same buckets. */
    private record Layout(double[] bounds, List<String> labels) {}

    // a rule's buckets are parsed once, not for every group and window (bounded by the number
    // of distinct bucket lists in the rule files)
    private static final Map<List<Double>, Layout> LAYOUTS = new ConcurrentHashMap<>();

    /**
     * @param buckets upper bounds, any order; empty means {@link #DEFAULT_BUCKETS}
     */
    public HistogramBucketAggregator(List<Double> buckets) {
        Layout layout = LAYOUTS.get(buckets);
        if (layout == null) {
            layout = layout(buckets);
            if (LAYOUTS.size() < 10_000) {
                LAYOUTS.put(List.copyOf(buckets), layout);
            }
        }
        this.bounds = layout.bounds();
        this.boundLabels = layout.labels();
        this.counts = new long[bounds.length + 1];
    }

    private static Layout layout(List<Double> buckets) {
        List<Double> b = buckets.isEmpty() ? DEFAULT_BUCKETS : buckets;
        if (b.size() > MAX_BUCKETS) {
            throw new IllegalArgumentException("at most " + MAX_BUCKETS + " buckets");
        }
        double[] bounds =
                b.stream()
                        .mapToDouble(Double::doubleValue)
                        .filter(x -> x != Double.POSITIVE_INFINITY) // +Inf is always there
                        .sorted()
                        .distinct()
                        .toArray();
        List<String> labels = new ArrayList<>(bounds.length);
        for (double x : bounds) {
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("bucket bound must be a number, got NaN");
            }
            labels.add(LabelFloats.format(x));
        }
        return new Layout(bounds, List.copyOf(labels));
    }

    public List<Double> bounds() {
        return Arrays.stream(bounds).boxed().toList();
    }

    @Override
    public Output output() {
        return Output.HISTOGRAM_BUCKET;
    }

    @Override
    public void add(AggregatorInput input) {
        double v = input.value();
        // first bound >= v: the bucket whose le includes v
        int i = Arrays.binarySearch(bounds, v);
        if (i < 0) {
            i = -i - 1;
        }
        counts[i]++;
        sum += v;
        count++;
    }

    @Override
    public void merge(Aggregator other) {
        HistogramBucketAggregator o =
                StateIo.requireSame(this, other, HistogramBucketAggregator.class);
        if (!Arrays.equals(bounds, o.bounds)) {
            throw new IllegalArgumentException("cannot merge histograms with other buckets");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        sum += o.sum;
        count += o.count;
    }

    @Override
    public List<ResultPoint> result() {
        if (count == 0) {
            return List.of();
        }
        List<ResultPoint> out = new ArrayList<>(bounds.length + 3);
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i];
            out.add(new ResultPoint("_bucket", "le", boundLabels.get(i), cumulative));
        }
        out.add(new ResultPoint("_bucket", "le", "+Inf", count));
        out.add(new ResultPoint("_sum", null, null, sum));
        out.add(new ResultPoint("_count", null, null, count));
        return out;
    }

    @Override
    public void reset() {
        Arrays.fill(counts, 0);
        sum = 0;
        count = 0;
    }

    @Override
    public boolean cumulative() {
        return true;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeInt(bounds.length);
        for (double b : bounds) {
            out.writeDouble(b);
        }
        for (long c : counts) {
            out.writeLong(c);
        }
        out.writeDouble(sum);
        out.writeLong(count);
    }

    public static HistogramBucketAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "histogram_bucket", CURRENT_VERSION);
        int n = StateIo.readCount(in, "histogram_bucket", MAX_BUCKETS);
        List<Double> bounds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bounds.add(in.readDouble());
        }
        HistogramBucketAggregator a;
        try {
            a =
                    new HistogramBucketAggregator(
                            bounds.isEmpty() ? List.of(Double.POSITIVE_INFINITY) : bounds);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt histogram_bucket state: " + e.getMessage(), e);
        }
        if (a.bounds.length != n) {
            throw new IOException("corrupt histogram_bucket state: bounds not sorted and unique");
        }
        for (int i = 0; i < a.counts.length; i++) {
            a.counts[i] = in.readLong();
        }
        a.sum = in.readDouble();
        a.count = in.readLong();
        return a;
    }
}
