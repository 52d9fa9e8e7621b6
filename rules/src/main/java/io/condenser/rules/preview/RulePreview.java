package io.condenser.rules.preview;

import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What rules would do to some input, before they go live: the engine of {@code condenser rules
 * preview}. Feed it the input's series ({@link #series}) and samples ({@link #sample}) in input
 * order, then take the {@link #finish report}. Samples are matched with the job's {@link RuleIndex}
 * and each rule runs in the reference evaluator ({@code RuleEvaluator}), with event time moved like
 * a bounded-out-of-orderness watermark: the newest timestamp seen minus {@code outOfOrderness}.
 * Input that lists series without samples (a Prometheus {@code /api/v1/series} answer) gets the
 * series-level figures only.
 *
 * <p>Plain Java, no connectors: callers turn their samples into names and label maps. Not
 * thread-safe.
 */
public final class RulePreview {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    public static final int DEFAULT_TOP_UNMATCHED = 10;

    private final List<Rule> rules;
    private final RuleIndex index;
    private final Map<Rule, RuleAccount> accounts = new IdentityHashMap<>();
    private final RuleAccount[] enabled;
    private final StateLayout layout;
    private final long outOfOrdernessMs;
    private final int topUnmatched;

    private final Map<String, SeriesRef> series = new HashMap<>();
    private final Map<String, SeriesRef.MetricTally> unmatched = new HashMap<>();
    private long samples;
    private long firstTimestampMs = Long.MAX_VALUE;
    private long lastTimestampMs = Long.MIN_VALUE;
    private long nextCloseAt = Long.MIN_VALUE;

    /**
     * @param rules the rule set, in order (disabled rules are reported, not run)
     * @param layout the job's state layout, for the state estimate
     * @param outOfOrderness how far the watermark trails the newest sample: older samples whose
     *     window has closed count as late
     * @param topUnmatched how many unmatched metric names to list
     */
    public RulePreview(
            List<Rule> rules, StateLayout layout, Duration outOfOrderness, int topUnmatched) {
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException(
                    "out-of-orderness must be >= 0, got " + outOfOrderness);
        }
        if (topUnmatched < 0) {
            throw new IllegalArgumentException("top must be >= 0, got " + topUnmatched);
        }
        this.rules = List.copyOf(rules);
        this.index = RuleIndex.of(this.rules);
        this.layout = layout;
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.topUnmatched = topUnmatched;
        List<RuleAccount> on = new ArrayList<>();
        for (Rule r : this.rules) {
            if (r.enabled()) {
                RuleAccount a = new RuleAccount(r);
                accounts.put(r, a);
                on.add(a);
            }
        }
        this.enabled = on.toArray(new RuleAccount[0]);
    }

    /**
     * The input series with this name and labels (an empty value is an absent label, {@code
     * __name__} is ignored): matched the first time, looked up after that.
     */
    public SeriesRef series(String metricName, Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach(
                (k, v) -> {
                    if (!v.isEmpty() && !k.equals(LabelMatcher.METRIC_NAME)) {
                        sorted.put(k, v);
                    }
                });
        String key = OutputSample.format(metricName, sorted.entrySet());
        SeriesRef ref = series.get(key);
        if (ref != null) {
            return ref;
        }
        List<Rule> matched = index.matching(metricName, sorted::get);
        RuleAccount[] accs = new RuleAccount[matched.size()];
        RuleAccount.InputSeries[] inputs = new RuleAccount.InputSeries[matched.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = accounts.get(matched.get(i));
            inputs[i] = accs[i].series(metricName, sorted);
        }
        SeriesRef.MetricTally tally = null;
        if (accs.length == 0) {
            tally = unmatched.computeIfAbsent(metricName, SeriesRef.MetricTally::new);
            tally.series++;
        }
        ref = new SeriesRef(metricName, sorted, accs, inputs, tally);
        series.put(key, ref);
        return ref;
    }

    /** One sample of a series, in input order; {@code stale}: a Prometheus staleness marker. */
    public void sample(SeriesRef ref, long timestampMs, double value, boolean stale) {
        samples++;
        firstTimestampMs = Math.min(firstTimestampMs, timestampMs);
        if (timestampMs > lastTimestampMs) {
            lastTimestampMs = timestampMs;
            long watermark = timestampMs - outOfOrdernessMs;
            if (watermark >= nextCloseAt) {
                advance(watermark);
            }
        }
        if (ref.unmatched != null) {
            ref.unmatched.samples++;
            return;
        }
        for (int i = 0; i < ref.accounts.length; i++) {
            ref.accounts[i].sample(
                    ref.inputs[i], ref.metricName, ref.labels, timestampMs, value, stale);
        }
    }

    private void advance(long watermark) {
        long next = Long.MAX_VALUE;
        for (RuleAccount a : enabled) {
            a.advance(watermark);
            next = Math.min(next, a.nextCloseAt());
        }
        nextCloseAt = next;
    }

    /**
     * Closes every window up to the newest sample's and reports.
     *
     * @param sources what was read, for the report
     * @param rejected input the parsers rejected
     * @param skipped valid input that made no sample, by reason
     */
    public PreviewReport finish(List<String> sources, long rejected, Map<String, Long> skipped) {
        boolean hasSamples = samples > 0;
        if (hasSamples) {
            for (RuleAccount a : enabled) {
                a.finish(lastTimestampMs);
            }
        }
        List<RuleReport> reports = new ArrayList<>();
        for (Rule r : rules) {
            RuleAccount a = accounts.get(r);
            reports.add(a == null ? RuleAccount.disabled(r) : a.report(layout, hasSamples));
        }
        long unmatchedSeries = 0;
        long unmatchedSamples = 0;
        for (SeriesRef.MetricTally t : unmatched.values()) {
            unmatchedSeries += t.series;
            unmatchedSamples += t.samples;
        }
        List<PreviewReport.MetricCount> top =
                unmatched.values().stream()
                        .sorted(
                                Comparator.comparingLong((SeriesRef.MetricTally t) -> -t.series)
                                        .thenComparing(t -> t.name))
                        .limit(topUnmatched)
                        .map(t -> new PreviewReport.MetricCount(t.name, t.series, t.samples))
                        .toList();
        PreviewReport.Input input =
                new PreviewReport.Input(
                        sources,
                        series.size(),
                        samples,
                        hasSamples,
                        firstTimestampMs,
                        lastTimestampMs,
                        outOfOrdernessMs,
                        rejected,
                        skipped);
        return new PreviewReport(
                input,
                reports,
                new PreviewReport.Unmatched(unmatchedSeries, unmatchedSamples, top));
    }
}
