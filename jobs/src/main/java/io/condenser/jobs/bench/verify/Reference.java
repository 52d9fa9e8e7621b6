package io.condenser.jobs.bench.verify;

import io.condenser.model.Sample;
import io.condenser.rules.aggregate.LabelFloats;
import io.condenser.rules.aggregate.QuantilesAggregator;
import io.condenser.rules.eval.InputSample;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.RuleEvaluator;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fault-free result: {@link RuleEvaluator} (one per rule) fed exactly the generated samples in
 * creation order, event time following the batches' creation time, up to the watermark the job
 * itself reached. Only windows that watermark closed ({@code end + delay ≤ cut}) are kept: the ones
 * the flowing traffic closed, whatever the job does with a stream that goes quiet.
 *
 * <p>Quantiles are approximate in both engines (a KLL sketch, merged in a different order in the
 * job), so for every {@code quantiles(φ…)} output the reference also computes the quantiles at φ ±
 * {@link #QUANTILE_RANK_SLACK}: a job value between those two is within the sketches' rank error.
 */
public final class Reference {

    /** Three times the sketch's normalized rank error: both sketches' error and then some. */
    public static final double QUANTILE_RANK_SLACK = 3 * QuantilesAggregator.RANK_ERROR;

    private static final String BAND_PREFIX = "condenser-bench-band:";

    /** One expected output sample, with the rule that produced it. */
    public record Expected(OutputSample sample, Rule rule, double bandLow, double bandHigh) {

        public String key() {
            return OutputKey.of(sample.series(), sample.timestampMs(), sample.stale());
        }

        /** Whether the value is a sketch estimate, checked against [bandLow, bandHigh]. */
        public boolean approximate() {
            return !Double.isNaN(bandLow);
        }
    }

    private final Map<String, Expected> expected;
    private final Map<String, Rule> ruleBySeries;
    private final long inputSamples;
    private final long cutWatermarkMs;

    private Reference(
            Map<String, Expected> expected,
            Map<String, Rule> ruleBySeries,
            long inputSamples,
            long cutWatermarkMs) {
        this.expected = expected;
        this.ruleBySeries = ruleBySeries;
        this.inputSamples = inputSamples;
        this.cutWatermarkMs = cutWatermarkMs;
    }

    /** Expected outputs by key ({@code series[ stale] @ts}), in emission order. */
    public Map<String, Expected> expected() {
        return expected;
    }

    /** The rule of an output series the reference produced (at any window), or null. */
    public Rule ruleOf(String series) {
        return ruleBySeries.get(series);
    }

    public long inputSamples() {
        return inputSamples;
    }

    public long cutWatermarkMs() {
        return cutWatermarkMs;
    }

    /**
     * Evaluates every enabled rule of {@code rules} over the replayed traffic.
     *
     * @param cutWatermarkMs the event time the job's window stage had reached: windows with {@code
     *     end + delay} up to it are complete in both
     */
    public static Reference evaluate(RuleSet rules, TrafficReplay traffic, long cutWatermarkMs) {
        List<Rule> enabled = rules.enabledRules();
        Map<String, RuleEvaluator> evaluators = new LinkedHashMap<>();
        Map<String, Rule> byName = new HashMap<>();
        List<Rule> indexed = new ArrayList<>();
        for (Rule r : enabled) {
            evaluators.put(r.name(), new RuleEvaluator(r));
            byName.put(r.name(), r);
            indexed.add(r);
            Rule band = band(r);
            if (band != null) {
                evaluators.put(band.name(), new RuleEvaluator(band));
                byName.put(band.name(), band);
                indexed.add(band);
            }
        }
        RuleIndex index = RuleIndex.of(indexed);
        Map<String, List<OutputSample>> outputs = new LinkedHashMap<>();
        evaluators.keySet().forEach(n -> outputs.put(n, new ArrayList<>()));
        long[] count = {0};
        long[] watermark = {Long.MIN_VALUE};
        traffic.forEach(
                created -> {
                    // every later sample is at least this old: windows before it may close
                    long wm = Math.min(created - 1, cutWatermarkMs);
                    if (wm > watermark[0]) {
                        watermark[0] = wm;
                        evaluators.forEach(
                                (name, e) -> outputs.get(name).addAll(e.advanceWatermark(wm)));
                    }
                },
                s -> {
                    count[0]++;
                    List<Rule> matched = index.matching(s.name(), s.labels()::get);
                    if (matched.isEmpty()) {
                        return;
                    }
                    InputSample in = input(s);
                    for (Rule r : matched) {
                        evaluators.get(r.name()).add(in);
                    }
                });
        evaluators.forEach(
                (name, e) -> outputs.get(name).addAll(e.advanceWatermark(cutWatermarkMs)));

        Map<String, double[]> bands = new HashMap<>();
        for (Rule r : enabled) {
            Rule band = byName.get(BAND_PREFIX + r.name());
            if (band != null) {
                collectBands(r, band, outputs.get(band.name()), bands);
            }
        }
        Map<String, Expected> expected = new LinkedHashMap<>();
        Map<String, Rule> ruleBySeries = new HashMap<>();
        for (Rule r : enabled) {
            for (OutputSample o : outputs.get(r.name())) {
                ruleBySeries.put(o.series(), r);
                if (o.timestampMs() + r.delay().toMillis() > cutWatermarkMs) {
                    continue;
                }
                String key = OutputKey.of(o.series(), o.timestampMs(), o.stale());
                double[] band = isQuantile(o) ? bands.get(key) : null;
                expected.put(
                        key,
                        new Expected(
                                o,
                                r,
                                band == null ? Double.NaN : band[0],
                                band == null ? Double.NaN : band[1]));
            }
        }
        return new Reference(expected, ruleBySeries, count[0], cutWatermarkMs);
    }

    private static InputSample input(Sample s) {
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < s.labels().size(); i++) {
            labels.put(s.labels().name(i), s.labels().value(i));
        }
        return s.isStale()
                ? new InputSample(s.name(), labels, s.timestampMs(), Double.NaN, true)
                : new InputSample(s.name(), labels, s.timestampMs(), s.value(), false);
    }

    /** The rule's quantiles at φ − slack and φ + slack (clamped to [0, 1]), or null. */
    static Rule band(Rule r) {
        TreeSet<Double> phis = new TreeSet<>();
        for (OutputSpec o : r.outputs()) {
            if (o.output() == Output.QUANTILES) {
                for (double phi : o.parameters()) {
                    phis.add(Math.max(0, phi - QUANTILE_RANK_SLACK));
                    phis.add(Math.min(1, phi + QUANTILE_RANK_SLACK));
                }
            }
        }
        if (phis.isEmpty()) {
            return null;
        }
        return new Rule(
                BAND_PREFIX + r.name(),
                true,
                r.match(),
                r.interval(),
                r.delay(),
                r.stalenessInterval(),
                r.dedupInterval(),
                r.grouping(),
                r.dropInputLabels(),
                List.of(new OutputSpec(Output.QUANTILES, new ArrayList<>(phis))),
                r.keepMetricNames(),
                r.outputName(),
                r.maxOutputSeries(),
                r.source());
    }

    private static boolean isQuantile(OutputSample o) {
        return o.name().endsWith("_quantiles")
                && o.labels().stream().anyMatch(e -> e.getKey().equals("quantile"));
    }

    /**
     * Maps each band output (quantile label φ ± slack) to the keys of the rule's own outputs at φ:
     * {@code [low, high]} per key.
     */
    private static void collectBands(
            Rule rule, Rule band, List<OutputSample> bandOutputs, Map<String, double[]> bands) {
        List<Double> phis = new ArrayList<>();
        for (OutputSpec o : rule.outputs()) {
            if (o.output() == Output.QUANTILES) {
                phis.addAll(o.parameters());
            }
        }
        for (OutputSample b : bandOutputs) {
            if (b.stale() || !isQuantile(b)) {
                continue;
            }
            double q = Double.NaN;
            for (Map.Entry<String, String> e : b.labels()) {
                if (e.getKey().equals("quantile")) {
                    q = Double.parseDouble(e.getValue());
                }
            }
            for (double phi : phis) {
                double low = Math.max(0, phi - QUANTILE_RANK_SLACK);
                double high = Math.min(1, phi + QUANTILE_RANK_SLACK);
                boolean isLow = Math.abs(q - low) < 1e-9;
                boolean isHigh = Math.abs(q - high) < 1e-9;
                if (!isLow && !isHigh) {
                    continue;
                }
                List<Map.Entry<String, String>> labels = new ArrayList<>();
                for (Map.Entry<String, String> e : b.labels()) {
                    labels.add(
                            e.getKey().equals("quantile")
                                    ? Map.entry("quantile", LabelFloats.format(phi))
                                    : e);
                }
                String key =
                        OutputKey.of(OutputSample.format(b.name(), labels), b.timestampMs(), false);
                double[] lh =
                        bands.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN});
                if (isLow) {
                    lh[0] = b.value();
                }
                if (isHigh) {
                    lh[1] = b.value();
                }
            }
        }
    }
}
