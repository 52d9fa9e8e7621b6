package io.condenser.rules.preview;

import io.condenser.model.Labels;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AggregatorInput;
import io.condenser.rules.engine.WindowSteps;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.RuleEvaluator;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.naming.OutputNamer;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates a rule's job state from the {@link StateLayout}: the entry sizes of real input series
 * and output groups of the preview (their names and labels), with each group's window filled as the
 * input filled it on average (its number of input series, each with the input's mean samples per
 * series and window, values all distinct: the worst case for set-valued outputs). Real aggregators
 * are filled and sized, so sketches and sets weigh what they weigh in the job.
 */
final class StateEstimator {

    /** Bounds the work of filling one representative window. */
    static final long MAX_INPUTS_PER_WINDOW = 1_000_000;

    private final Rule rule;
    private final OutputNamer namer;
    private final StateLayout layout;
    private final List<OutputSpec> outputs;
    private final long intervalMs;

    StateEstimator(Rule rule, OutputNamer namer, StateLayout layout) {
        this.rule = rule;
        this.namer = namer;
        this.layout = layout;
        this.outputs = rule.outputs();
        this.intervalMs = rule.interval().toMillis();
    }

    RuleReport.StateEstimate estimate(
            List<RuleAccount.InputSeries> series,
            List<RuleAccount.Group> groups,
            int samplesPerSeriesAndWindow,
            long activeSeries,
            long activeGroups) {
        long seriesBytes = 0;
        for (RuleAccount.InputSeries s : series) {
            seriesBytes += layout.seriesEntryBytes(rule, s.metricName, s.labels);
        }
        long groupBytes = 0;
        long windowBytes = 0;
        for (RuleAccount.Group g : groups) {
            Aggregator[] window = representativeWindow(g.inputSeries, samplesPerSeriesAndWindow);
            Aggregator[] carry = WindowSteps.newCarry(outputs);
            List<OutputSample> emitted = new ArrayList<>();
            WindowSteps.emit(
                    namer,
                    outputs,
                    g.metric,
                    Labels.fromMap(g.labels),
                    carry,
                    window,
                    intervalMs,
                    s -> emitted.add(RuleEvaluator.toOutput(s)));
            groupBytes += layout.groupEntryBytes(rule, g.metric, g.labels, carry, emitted);
            windowBytes += layout.windowEntryBytes(rule, g.metric, g.labels, window);
        }
        long perSeries = series.isEmpty() ? 0 : Math.round((double) seriesBytes / series.size());
        long perGroup = groups.isEmpty() ? 0 : Math.round((double) groupBytes / groups.size());
        long perWindow = groups.isEmpty() ? 0 : Math.round((double) windowBytes / groups.size());
        int open = layout.openWindowsPerGroup(rule);
        long total = activeSeries * perSeries + activeGroups * (perGroup + open * perWindow);
        return new RuleReport.StateEstimate(
                perSeries, perGroup, perWindow, open, activeSeries, activeGroups, total);
    }

    /** One window of a group of {@code n} input series with {@code m} samples each. */
    private Aggregator[] representativeWindow(long n, int m) {
        Aggregator[] aggs = WindowSteps.newAggregators(outputs);
        if (n * m > MAX_INPUTS_PER_WINDOW) {
            m = (int) Math.max(1, MAX_INPUTS_PER_WINDOW / n);
            n = Math.min(n, MAX_INPUTS_PER_WINDOW);
        }
        long step = Math.max(1, intervalMs / (m + 1));
        for (long i = 0; i < n; i++) {
            long seriesId = 0x9E3779B97F4A7C15L * (i + 1);
            for (int j = 0; j < m; j++) {
                long ts = (j + 1) * step;
                AggregatorInput gauge = AggregatorInput.sample(seriesId, ts, (double) (i * m + j));
                AggregatorInput counter = new AggregatorInput(seriesId, ts, 1.0, step, false);
                for (int k = 0; k < aggs.length; k++) {
                    aggs[k].add(outputs.get(k).output().isCounter() ? counter : gauge);
                }
            }
        }
        return aggs;
    }
}
