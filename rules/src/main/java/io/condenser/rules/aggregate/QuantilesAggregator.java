package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * {@code quantiles(φ, …)}: the φ-quantiles of the window's sample values, one output point per φ
 * with a {@code quantile} label (PromQL: {@code quantile_over_time(φ, x[i])} with all input series
 * of a group pooled).
 *
 * <p>Backed by an Apache DataSketches KLL sketch with k = {@value #K}: mergeable, small (a few KB),
 * and its answer for φ is a value whose true rank is within ±{@link #RANK_ERROR} (about 1.33 %, the
 * library's normalized rank error for k = 200, with 99 % confidence) of φ. The error is in rank,
 * not in value: for φ = 0.99 over 10,000 samples the result lies between the true 0.977 and 1.0
 * quantiles. The quantile returned is the smallest retained value whose rank is ≥ φ (inclusive
 * search), so results are always actual sample values. Merging sketches is not bit-identical to
 * adding everything into one sketch (compaction is randomised), only within the same bound.
 */
public final class QuantilesAggregator implements Aggregator {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;
    static final int K = 200;

    /** Normalized rank error of a single quantile query for {@link #K}. */
    public static final double RANK_ERROR = KllDoublesSketch.getNormalizedRankError(K, false);

    private static final int MAX_PHIS = 1000;
    private static final int MAX_SKETCH_BYTES = 64 << 20;

    private final double[] phis;
    private final List<String> phiLabels;
    private KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(K);

    private record Layout(double[] phis, List<String> labels) {}

    // parsed once per distinct φ list, not for every group and window
    private static final Map<List<Double>, Layout> LAYOUTS = new ConcurrentHashMap<>();

    public QuantilesAggregator(List<Double> phis) {
        Layout layout = LAYOUTS.get(phis);
        if (layout == null) {
            layout = layout(phis);
            if (LAYOUTS.size() < 10_000) {
                LAYOUTS.put(List.copyOf(phis), layout);
            }
        }
        this.phis = layout.phis();
        this.phiLabels = layout.labels();
    }

    private static Layout layout(List<Double> phis) {
        if (phis.isEmpty()) {
            throw new IllegalArgumentException("quantiles needs at least one φ");
        }
        double[] values = new double[phis.size()];
        List<String> labels = new ArrayList<>(phis.size());
        for (int i = 0; i < phis.size(); i++) {
            double phi = phis.get(i);
            if (!(phi >= 0 && phi <= 1)) {
                throw new IllegalArgumentException("φ must be in [0, 1], got " + phi);
            }
            values[i] = phi;
            labels.add(LabelFloats.format(phi));
        }
        return new Layout(values, List.copyOf(labels));
    }

    public List<Double> phis() {
        List<Double> out = new ArrayList<>(phis.length);
        for (double p : phis) {
            out.add(p);
        }
        return out;
    }

    @Override
    public Output output() {
        return Output.QUANTILES;
    }

    @Override
    public void add(AggregatorInput input) {
        sketch.update(input.value());
    }

    @Override
    public void merge(Aggregator other) {
        QuantilesAggregator o = StateIo.requireSame(this, other, QuantilesAggregator.class);
        if (!java.util.Arrays.equals(phis, o.phis)) {
            throw new IllegalArgumentException("cannot merge quantiles with other φ values");
        }
        if (!o.sketch.isEmpty()) {
            sketch.merge(o.sketch);
        }
    }

    @Override
    public List<ResultPoint> result() {
        if (sketch.isEmpty()) {
            return List.of();
        }
        double[] q = sketch.getQuantiles(phis, QuantileSearchCriteria.INCLUSIVE);
        List<ResultPoint> out = new ArrayList<>(phis.length);
        for (int i = 0; i < phis.length; i++) {
            out.add(new ResultPoint("", "quantile", phiLabels.get(i), q[i]));
        }
        return out;
    }

    /** Number of values added (exact, unlike the quantiles). */
    public long count() {
        return sketch.getN();
    }

    @Override
    public void reset() {
        sketch = KllDoublesSketch.newHeapInstance(K);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeInt(phis.length);
        for (double p : phis) {
            out.writeDouble(p);
        }
        // the sketch's own compact binary form, versioned by DataSketches itself
        byte[] bytes = sketch.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static QuantilesAggregator read(DataInput in) throws IOException {
        StateIo.readVersion(in, "quantiles", CURRENT_VERSION);
        int n = StateIo.readCount(in, "quantiles", MAX_PHIS);
        List<Double> phis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            phis.add(in.readDouble());
        }
        byte[] bytes = new byte[StateIo.readCount(in, "quantiles", MAX_SKETCH_BYTES)];
        in.readFully(bytes);
        QuantilesAggregator a;
        try {
            a = new QuantilesAggregator(phis);
            a.sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
        } catch (RuntimeException e) {
            throw new IOException("corrupt quantiles state: " + e.getMessage(), e);
        }
        return a;
    }
}
