package io.condenser.rules.engine;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.model.RuleSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The first stage, one instance per source subtask: matches each sample against the rule
 * definitions in force at its timestamp ({@link RuleTimeline}), removes each definition's {@code
 * drop_input_labels}, and either sends it on to the per-series stage (definitions with counter
 * outputs or {@code dedup_interval}) or pre-aggregates it right here per output group and window
 * ({@link PartialCombiner}), so gauge rules never move raw samples.
 *
 * <p>Samples arriving before the first rule set are held, in order, up to a bound (beyond it
 * dropped and counted) and matched when it arrives.
 */
public final class MatchStage {

    /** Where the stage's results go. */
    public interface Output {
        /** A sample of a definition that needs per-series state. */
        void toSeriesStage(MatchedSample matched);

        /** A partial of a pre-aggregated definition (a window closed, or sent early). */
        void partial(SeriesPartial partial);

        /** A sample no rule matched (only called when unmatched input is forwarded). */
        void unmatched(Sample sample);
    }

    private final RuleTimeline timeline;
    private final PartialCombiner combiner;
    private final RestoredWatermark restored = new RestoredWatermark();
    private final EngineCounts counts;
    private final boolean forwardUnmatched;
    private final int beforeRulesCapacity;
    private final ArrayDeque<Sample> beforeRules = new ArrayDeque<>();
    private final List<RuleTimeline.Span> spans = new ArrayList<>();
    private final RuleTimeline.NotInForce notInForce;
    private boolean anyNotInForce;

    /**
     * @param beforeRulesCapacity samples held while no rule set has arrived
     * @param forwardUnmatched whether samples no rule matches go to {@link Output#unmatched}
     */
    public MatchStage(
            RuleTimeline timeline,
            PartialCombiner combiner,
            EngineCounts counts,
            int beforeRulesCapacity,
            boolean forwardUnmatched) {
        this.timeline = timeline;
        this.combiner = combiner;
        this.counts = counts;
        this.beforeRulesCapacity = beforeRulesCapacity;
        this.forwardUnmatched = forwardUnmatched;
        this.notInForce =
                (rule, ts) -> {
                    anyNotInForce = true;
                    counts.inc(EngineCounter.SAMPLES_BEFORE_RULE_START, rule);
                };
    }

    public RuleTimeline timeline() {
        return timeline;
    }

    public RestoredWatermark restoredWatermark() {
        return restored;
    }

    /** One input sample, at the stage's current watermark. */
    public void onSample(Sample sample, long watermark, Output out) {
        restored.observe(watermark);
        if (!timeline.loaded()) {
            if (beforeRules.size() < beforeRulesCapacity) {
                beforeRules.add(sample);
            } else {
                counts.inc(EngineCounter.SAMPLES_DROPPED_BEFORE_RULES, null);
            }
            return;
        }
        match(sample, watermark, out);
    }

    /**
     * One sample already matched to {@code rule} by the caller (its selectors are not consulted):
     * the rule-file tooling matches samples itself.
     */
    public void onSampleOf(String rule, Sample sample, long watermark, Output out) {
        restored.observe(watermark);
        spans.clear();
        for (RuleTimeline.Span s : timeline.spans(rule)) {
            if (s.covers(sample.timestampMs())) {
                spans.add(s);
            }
        }
        if (spans.isEmpty()) {
            RuleTimeline.Span newest = timeline.newest(rule);
            if (newest != null) {
                counts.inc(EngineCounter.SAMPLES_BEFORE_RULE_START, newest.rule());
            }
            return;
        }
        apply(sample, watermark, out);
    }

    private void match(Sample sample, long watermark, Output out) {
        long ts = sample.timestampMs();
        anyNotInForce = false;
        timeline.matchInto(sample.name(), sample.labels()::get, ts, spans, notInForce);
        if (spans.isEmpty()) {
            if (!anyNotInForce) {
                counts.inc(EngineCounter.SAMPLES_UNMATCHED, null);
                if (forwardUnmatched) {
                    out.unmatched(sample);
                }
            }
            return;
        }
        apply(sample, watermark, out);
    }

    /** The sample for each definition in {@link #spans}. */
    private void apply(Sample sample, long watermark, Output out) {
        long ts = sample.timestampMs();
        for (int i = 0; i < spans.size(); i++) {
            CompiledRule rule = spans.get(i).rule();
            counts.inc(EngineCounter.SAMPLES_MATCHED, rule);
            if (restored.isLate(rule, ts)) {
                counts.late(EngineCounter.SAMPLES_LATE_AFTER_RESTORE, rule, ts, restored.bound());
                continue;
            }
            Sample input = withoutDroppedLabels(rule, sample);
            if (rule.needsSeriesStage()) {
                out.toSeriesStage(new MatchedSample(rule.name(), rule.fingerprint(), input));
            } else if (!input.isStale()) {
                // a staleness marker only matters to per-series state
                combine(rule, input, watermark, out);
            }
        }
    }

    private void combine(CompiledRule rule, Sample s, long watermark, Output out) {
        if (Double.isNaN(s.value())) {
            counts.inc(EngineCounter.SAMPLES_NAN, rule);
            return;
        }
        if (rule.closeOf(s.timestampMs()) <= watermark) {
            counts.late(EngineCounter.SAMPLES_LATE, rule, s.timestampMs(), watermark);
            return;
        }
        combiner.add(rule, s, s.timestampMs(), s.value(), null, out::partial);
    }

    /**
     * drop_input_labels applies before anything else: a label that changes on deploy ({@code
     * version}) must not split one input series (its counter) into two.
     */
    static Sample withoutDroppedLabels(CompiledRule rule, Sample sample) {
        List<String> drop = rule.rule().dropInputLabels();
        if (drop.isEmpty()) {
            return sample;
        }
        Labels.Builder b = null;
        for (int i = 0; i < drop.size(); i++) {
            if (sample.labels().get(drop.get(i)) != null) {
                if (b == null) {
                    b = sample.labels().toBuilder();
                }
                b.remove(drop.get(i));
            }
        }
        if (b == null) {
            return sample;
        }
        Labels labels = b.build();
        return sample.isStale()
                ? Sample.staleMarker(sample.name(), labels, sample.timestampMs())
                : Sample.of(sample.name(), labels, sample.timestampMs(), sample.value());
    }

    /**
     * A validated rule set that takes effect at {@code effectiveFromMs}; samples held before the
     * first set are matched now.
     */
    public RuleTimeline.Applied onRules(
            RuleSet set, long effectiveFromMs, long watermark, Output out) {
        restored.observe(watermark);
        RuleTimeline.Applied applied = timeline.apply(set, effectiveFromMs);
        while (!beforeRules.isEmpty()) {
            match(beforeRules.poll(), watermark, out);
        }
        return applied;
    }

    /**
     * Before a watermark leaves the stage: sends the partials of every window it closes, and
     * forgets the definitions whose windows have all closed.
     */
    public void onWatermark(long watermark, Output out) {
        combiner.flush(watermark, out::partial);
        for (RuleTimeline.Span ended : timeline.prune(watermark)) {
            combiner.forget(ended.rule());
        }
    }

    /** Sends every partial held (before a checkpoint barrier, or when the input goes idle). */
    public void flushAll(Output out) {
        combiner.flushAll(out::partial);
    }

    /** The samples held while no rule set has arrived, oldest first (for a checkpoint). */
    public List<Sample> samplesBeforeRules() {
        return List.copyOf(beforeRules);
    }

    /** Restores the samples a checkpoint held before the first rule set. */
    public void restoreSamplesBeforeRules(Iterable<Sample> samples) {
        beforeRules.clear();
        for (Sample s : samples) {
            beforeRules.add(s);
        }
    }

    /** Open (group, window) entries of the pre-aggregation, for metrics. */
    public int openWindows() {
        return combiner.openWindows();
    }
}
