package io.condenser.rules.eval;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference evaluator for one rule: a {@link RuleSetEvaluator} holding just this rule, fed
 * samples already matched to it in the rule-file tooling's plain form ({@link InputSample}, {@link
 * OutputSample}).
 *
 * <p>Not thread-safe; one instance per rule.
 */
public final class RuleEvaluator {

    private final Rule rule;
    private final RuleSetEvaluator engine = new RuleSetEvaluator();

    public RuleEvaluator(Rule rule) {
        if (rule.interval().toMillis() <= 0) {
            throw new IllegalArgumentException("interval must be > 0, got " + rule.interval());
        }
        this.rule = rule;
        engine.applyRules(RuleSet.of(0, List.of(rule)), Long.MIN_VALUE);
    }

    /** Applies one sample to its window, or counts it as late. */
    public void add(InputSample sample) {
        engine.addMatched(rule.name(), toSample(sample));
    }

    static Sample toSample(InputSample s) {
        Labels labels = Labels.fromMap(s.labels());
        return s.stale()
                ? Sample.staleMarker(s.metricName(), labels, s.timestampMs())
                : Sample.of(s.metricName(), labels, s.timestampMs(), s.value());
    }

    /**
     * Moves event time to {@code watermarkMs}: closes every window whose end + delay ≤ it, and
     * returns their output samples (sorted by timestamp, then series).
     */
    public List<OutputSample> advanceWatermark(long watermarkMs) {
        List<OutputSample> out = new ArrayList<>();
        for (Sample s : engine.advanceWatermark(watermarkMs)) {
            out.add(toOutput(s));
        }
        return out;
    }

    /** A sample in the rule-file tooling's plain output form. */
    public static OutputSample toOutput(Sample s) {
        List<Map.Entry<String, String>> labels = new ArrayList<>(s.labels().size());
        for (int i = 0; i < s.labels().size(); i++) {
            labels.add(Map.entry(s.labels().name(i), s.labels().value(i)));
        }
        return new OutputSample(s.name(), labels, s.timestampMs(), s.value(), s.isStale());
    }

    public EvaluatorStats stats() {
        return engine.stats();
    }

    /** Input series with per-series state (counter or dedup rules). */
    public int inputSeriesCount() {
        return engine.inputSeriesCount();
    }

    /** Output groups alive (not yet stale). */
    public int outputGroupCount() {
        return engine.outputGroupCount();
    }

    /** Samples held back by {@code dedup_interval} for windows that have not closed. */
    public long pendingSampleCount() {
        return engine.pendingSampleCount();
    }

    public Rule rule() {
        return rule;
    }
}
