package io.condenser.rules.model;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AvgAggregator;
import io.condenser.rules.aggregate.CountSamplesAggregator;
import io.condenser.rules.aggregate.CountSeriesAggregator;
import io.condenser.rules.aggregate.HistogramBucketAggregator;
import io.condenser.rules.aggregate.IncreaseAggregator;
import io.condenser.rules.aggregate.LastAggregator;
import io.condenser.rules.aggregate.MaxAggregator;
import io.condenser.rules.aggregate.MinAggregator;
import io.condenser.rules.aggregate.QuantilesAggregator;
import io.condenser.rules.aggregate.RateAggregator;
import io.condenser.rules.aggregate.StddevAggregator;
import io.condenser.rules.aggregate.StdvarAggregator;
import io.condenser.rules.aggregate.SumSamplesAggregator;
import io.condenser.rules.aggregate.TotalAggregator;
import io.condenser.rules.aggregate.UniqueSamplesAggregator;
import java.io.DataInput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregation outputs a rule can ask for: the one registry. The stable id is what state and
 * savepoints store (never the ordinal), the YAML name is what rule files and output series names
 * use. Add an output by adding a constant here with a new id; never reuse or renumber an id.
 */
public enum Output {
    SUM_SAMPLES(1, "sum_samples", Kind.GAUGE),
    COUNT_SAMPLES(2, "count_samples", Kind.GAUGE),
    MIN(3, "min", Kind.GAUGE),
    MAX(4, "max", Kind.GAUGE),
    AVG(5, "avg", Kind.GAUGE),
    LAST(6, "last", Kind.GAUGE),
    STDDEV(7, "stddev", Kind.GAUGE),
    STDVAR(8, "stdvar", Kind.GAUGE),
    COUNT_SERIES(9, "count_series", Kind.GAUGE),
    UNIQUE_SAMPLES(10, "unique_samples", Kind.GAUGE),
    TOTAL(11, "total", Kind.COUNTER),
    TOTAL_PROMETHEUS(12, "total_prometheus", Kind.COUNTER),
    INCREASE(13, "increase", Kind.COUNTER),
    INCREASE_PROMETHEUS(14, "increase_prometheus", Kind.COUNTER),
    RATE_SUM(15, "rate_sum", Kind.COUNTER),
    RATE_AVG(16, "rate_avg", Kind.COUNTER),
    QUANTILES(17, "quantiles", Kind.GAUGE),
    HISTOGRAM_BUCKET(18, "histogram_bucket", Kind.GAUGE);

    /** Whether an output reads its input as a counter (needs per-input-series state). */
    public enum Kind {
        GAUGE,
        COUNTER
    }

    private static final Map<Integer, Output> BY_ID = new HashMap<>();
    private static final Map<String, Output> BY_YAML_NAME = new HashMap<>();

    static {
        for (Output o : values()) {
            if (BY_ID.put(o.id, o) != null || BY_YAML_NAME.put(o.yamlName, o) != null) {
                throw new ExceptionInInitializerError("duplicate output id or name: " + o);
            }
        }
    }

    private final int id;
    private final String yamlName;
    private final Kind kind;

    Output(int id, String yamlName, Kind kind) {
        this.id = id;
        this.yamlName = yamlName;
        this.kind = kind;
    }

    /** Stable id, safe to store in state. */
    public int id() {
        return id;
    }

    /** The name in rule files and in output series names. */
    public String yamlName() {
        return yamlName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCounter() {
        return kind == Kind.COUNTER;
    }

    /** The output with this stable id, or null. */
    public static Output byId(int id) {
        return BY_ID.get(id);
    }

    /** The output with this YAML name (e.g. {@code sum_samples}), or null. */
    public static Output byYamlName(String name) {
        return BY_YAML_NAME.get(name);
    }

    /**
     * A new, empty aggregator for this output. The switches here and in {@link #readAggregator} are
     * exhaustive (no default), so adding a constant without its aggregator does not compile: the
     * list of outputs stays in this one file.
     *
     * @param parameters φ values for quantiles, bucket bounds for histogram_bucket (empty: the
     *     default buckets), ignored otherwise
     */
    public Aggregator newAggregator(List<Double> parameters) {
        return switch (this) {
            case SUM_SAMPLES -> new SumSamplesAggregator();
            case COUNT_SAMPLES -> new CountSamplesAggregator();
            case MIN -> new MinAggregator();
            case MAX -> new MaxAggregator();
            case AVG -> new AvgAggregator();
            case LAST -> new LastAggregator();
            case STDDEV -> new StddevAggregator();
            case STDVAR -> new StdvarAggregator();
            case COUNT_SERIES -> new CountSeriesAggregator();
            case UNIQUE_SAMPLES -> new UniqueSamplesAggregator();
            case TOTAL -> new TotalAggregator(false);
            case TOTAL_PROMETHEUS -> new TotalAggregator(true);
            case INCREASE -> new IncreaseAggregator(false);
            case INCREASE_PROMETHEUS -> new IncreaseAggregator(true);
            case RATE_SUM -> new RateAggregator(false);
            case RATE_AVG -> new RateAggregator(true);
            case QUANTILES -> new QuantilesAggregator(parameters);
            case HISTOGRAM_BUCKET -> new HistogramBucketAggregator(parameters);
        };
    }

    /** Reads the versioned state this output's aggregator wrote with {@link Aggregator#write}. */
    public Aggregator readAggregator(DataInput in) throws IOException {
        return switch (this) {
            case SUM_SAMPLES -> SumSamplesAggregator.read(in);
            case COUNT_SAMPLES -> CountSamplesAggregator.read(in);
            case MIN -> MinAggregator.read(in);
            case MAX -> MaxAggregator.read(in);
            case AVG -> AvgAggregator.read(in);
            case LAST -> LastAggregator.read(in);
            case STDDEV -> StddevAggregator.read(in);
            case STDVAR -> StdvarAggregator.read(in);
            case COUNT_SERIES -> CountSeriesAggregator.read(in);
            case UNIQUE_SAMPLES -> UniqueSamplesAggregator.read(in);
            case TOTAL -> TotalAggregator.read(in, false);
            case TOTAL_PROMETHEUS -> TotalAggregator.read(in, true);
            case INCREASE -> IncreaseAggregator.read(in, false);
            case INCREASE_PROMETHEUS -> IncreaseAggregator.read(in, true);
            case RATE_SUM -> RateAggregator.read(in, false);
            case RATE_AVG -> RateAggregator.read(in, true);
            case QUANTILES -> QuantilesAggregator.read(in);
            case HISTOGRAM_BUCKET -> HistogramBucketAggregator.read(in);
        };
    }
}
