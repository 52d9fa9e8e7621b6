package io.condenser.rules.preview;

import io.condenser.rules.engine.WindowSteps;
import io.condenser.rules.eval.EvaluatorStats;
import io.condenser.rules.eval.InputSample;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.RuleEvaluator;
import io.condenser.rules.model.Rule;
import io.condenser.rules.naming.OutputNamer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One rule's side of a preview: the reference evaluator running the rule, and the tallies around it
 * (input series, output groups, the values of the labels the rule drops, per-window activity).
 */
final class RuleAccount {

    /** Entries whose state size is measured, per kind; the estimate is their average. */
    static final int MEASURED_ENTRIES = 64;

    final Rule rule;
    final OutputNamer namer;
    final int seriesPerGroup;
    private final long intervalMs;
    private final long delayMs;
    private final RuleEvaluator evaluator;

    private final Map<String, InputSeries> inputSeries = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Set<String>> droppedValues = new TreeMap<>();
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private final Set<String> emitted = new HashSet<>();
    private final List<InputSeries> firstSeries = new ArrayList<>();
    private final List<Group> firstGroups = new ArrayList<>();
    private long samples;

    /** The watermark at which the next window closes; below it advancing does nothing. */
    private long nextCloseAt = Long.MIN_VALUE;

    /** An input series of this rule: a matched series after {@code drop_input_labels}. */
    static final class InputSeries {
        final String metricName;
        final TreeMap<String, String> labels;
        final Group group;
        long lastWindowEnd = Long.MIN_VALUE;

        InputSeries(String metricName, TreeMap<String, String> labels, Group group) {
            this.metricName = metricName;
            this.labels = labels;
            this.group = group;
        }
    }

    /** An output group: the input series sharing output labels. */
    static final class Group {
        final String metric;
        final TreeMap<String, String> labels;
        int inputSeries;
        long lastWindowEnd = Long.MIN_VALUE;

        Group(String metric, TreeMap<String, String> labels) {
            this.metric = metric;
            this.labels = labels;
        }
    }

    /** One window's activity. */
    static final class Window {
        long activeSeries;
        long activeGroups;
        long outputSeries;
    }

    RuleAccount(Rule rule) {
        this.rule = rule;
        this.namer = new OutputNamer(rule);
        this.seriesPerGroup = OutputNamer.seriesPerGroup(rule);
        this.intervalMs = rule.interval().toMillis();
        this.delayMs = rule.delay().toMillis();
        this.evaluator = new RuleEvaluator(rule);
    }

    /**
     * Registers a matched series (once per distinct series); several may become one input series
     * when {@code drop_input_labels} removes what told them apart.
     */
    InputSeries series(String metricName, TreeMap<String, String> labels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!namer.keepsLabel(e.getKey())) {
                droppedValues.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue());
            }
        }
        String groupMetric = namer.groupMetric(metricName);
        TreeMap<String, String> kept = labels;
        if (rule.dropInputLabels().stream().anyMatch(labels::containsKey)) {
            kept = new TreeMap<>(labels);
            kept.keySet().removeAll(rule.dropInputLabels());
        }
        String key = OutputSample.format(metricName, kept.entrySet());
        InputSeries s = inputSeries.get(key);
        if (s != null) {
            return s;
        }
        TreeMap<String, String> groupLabels = namer.groupLabels(kept);
        String groupKey = OutputSample.format(groupMetric, groupLabels.entrySet());
        Group g = groups.get(groupKey);
        if (g == null) {
            g = new Group(groupMetric, groupLabels);
            groups.put(groupKey, g);
            if (firstGroups.size() < MEASURED_ENTRIES) {
                firstGroups.add(g);
            }
        }
        g.inputSeries++;
        s = new InputSeries(metricName, kept, g);
        inputSeries.put(key, s);
        if (firstSeries.size() < MEASURED_ENTRIES) {
            firstSeries.add(s);
        }
        return s;
    }

    /** One sample of a matched series, with the series' own (not yet dropped) labels. */
    void sample(
            InputSeries s,
            String metricName,
            TreeMap<String, String> labels,
            long ts,
            double value,
            boolean stale) {
        samples++;
        if (!stale) {
            long end = WindowSteps.windowEnd(ts, intervalMs);
            if (end > s.lastWindowEnd) {
                s.lastWindowEnd = end;
                Window w = window(end);
                w.activeSeries++;
                if (end > s.group.lastWindowEnd) {
                    s.group.lastWindowEnd = end;
                    w.activeGroups++;
                }
            }
        }
        evaluator.add(new InputSample(metricName, labels, ts, value, stale));
    }

    /** Moves this rule's event time; cheap until the next window can close. */
    void advance(long watermarkMs) {
        if (watermarkMs < nextCloseAt) {
            return;
        }
        for (OutputSample o : evaluator.advanceWatermark(watermarkMs)) {
            if (!o.stale()) {
                window(o.timestampMs()).outputSeries++;
                emitted.add(o.series());
            }
        }
        nextCloseAt =
                Math.floorDiv(watermarkMs - delayMs, intervalMs) * intervalMs
                        + intervalMs
                        + delayMs;
    }

    /** Closes every window up to the one holding {@code lastTimestampMs}. */
    void finish(long lastTimestampMs) {
        advance(WindowSteps.windowEnd(lastTimestampMs, intervalMs) + delayMs);
    }

    /** The watermark at which this rule's next window closes. */
    long nextCloseAt() {
        return nextCloseAt;
    }

    private Window window(long end) {
        Window w = windows.get(end);
        if (w == null) {
            w = new Window();
            windows.put(end, w);
        }
        return w;
    }

    RuleReport report(StateLayout layout, boolean hasSamples) {
        List<RuleReport.WindowCount> perWindow = new ArrayList<>();
        long peakSeries = 0;
        long peakSeriesGroups = 0;
        long peakGroups = 0;
        long activeSum = 0;
        for (Map.Entry<Long, Window> e : windows.entrySet()) {
            Window w = e.getValue();
            perWindow.add(
                    new RuleReport.WindowCount(
                            e.getKey(), w.activeSeries, w.activeGroups, w.outputSeries));
            if (w.activeSeries > peakSeries) {
                peakSeries = w.activeSeries;
                peakSeriesGroups = w.activeGroups;
            }
            peakGroups = Math.max(peakGroups, w.activeGroups);
            activeSum += w.activeSeries;
        }
        if (!hasSamples) {
            // a list of series: all of them are taken to be live at once
            peakSeries = inputSeries.size();
            peakSeriesGroups = groups.size();
            peakGroups = groups.size();
        }
        int samplesPerWindow =
                hasSamples && activeSum > 0
                        ? (int) Math.max(1, Math.round((double) samples / activeSum))
                        : 1;
        RuleReport.StateEstimate state =
                new StateEstimator(rule, namer, layout)
                        .estimate(
                                firstSeries,
                                firstGroups,
                                samplesPerWindow,
                                peakSeries,
                                peakSeriesGroups);
        EvaluatorStats stats = evaluator.stats();
        int limit = rule.maxOutputSeries();
        long refusedAtPeak = limit > 0 ? Math.max(0, peakGroups - limit / seriesPerGroup) : 0;
        RuleReport.Limit lim =
                new RuleReport.Limit(
                        limit, peakGroups * seriesPerGroup, refusedAtPeak, stats.groupsRejected());
        List<RuleReport.DroppedLabel> dropped = new ArrayList<>();
        droppedValues.forEach((l, v) -> dropped.add(new RuleReport.DroppedLabel(l, v.size())));
        dropped.sort(
                (a, b) ->
                        a.values() != b.values()
                                ? Long.compare(b.values(), a.values())
                                : a.label().compareTo(b.label()));
        List<String> problems = new ArrayList<>();
        if (inputSeries.isEmpty()) {
            problems.add("matches no input series");
        }
        if (lim.exceeded()) {
            problems.add(limitProblem(lim, peakGroups));
        }
        return new RuleReport(
                rule.name(),
                rule.source().toString(),
                true,
                inputSeries.size(),
                samples,
                groups.size(),
                seriesPerGroup,
                (long) groups.size() * seriesPerGroup,
                emitted.size(),
                dropped,
                perWindow,
                state,
                lim,
                new RuleReport.DroppedSamples(
                        stats.late(), stats.deduplicated(), stats.nan(), stats.outOfOrder()),
                problems);
    }

    private String limitProblem(RuleReport.Limit lim, long peakGroups) {
        StringBuilder sb =
                new StringBuilder("max_output_series ")
                        .append(lim.maxOutputSeries())
                        .append(" would refuse ");
        if (lim.refusedGroupsAtPeak() > 0) {
            sb.append(lim.refusedGroupsAtPeak())
                    .append(" of ")
                    .append(peakGroups)
                    .append(" groups (they need ")
                    .append(lim.neededAtPeak())
                    .append(" output series)");
        } else {
            sb.append("new groups ").append(lim.refusals()).append(" times");
        }
        return sb.toString();
    }

    /** A disabled rule: in the report, matching nothing by design. */
    static RuleReport disabled(Rule rule) {
        return new RuleReport(
                rule.name(),
                rule.source().toString(),
                false,
                0,
                0,
                0,
                OutputNamer.seriesPerGroup(rule),
                0,
                0,
                List.of(),
                List.of(),
                new RuleReport.StateEstimate(0, 0, 0, 0, 0, 0, 0),
                new RuleReport.Limit(rule.maxOutputSeries(), 0, 0, 0),
                new RuleReport.DroppedSamples(0, 0, 0, 0),
                List.of());
    }
}
