package io.condenser.rules.eval;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.naming.OutputNamer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The Flink-free reference engine: applies one {@link Rule} to a stream of samples already matched
 * to it, with event-time windows driven by an explicit watermark. {@code condenser rules test} runs
 * it; the Flink job wires the same pieces (aggregators, counter tracker, namer) into keyed state
 * and timers, and must produce the same samples.
 *
 * <p>Semantics, precisely:
 *
 * <ul>
 *   <li>Windows are tumbling {@code [k·interval, (k+1)·interval)} in epoch ms, by sample timestamp.
 *       A window closes when the watermark reaches its end + {@code delay}; only then are its
 *       samples applied (per input series in timestamp order, whatever the arrival order) and its
 *       outputs emitted, all with timestamp = window end. A replay gives the same samples.
 *   <li>A sample whose window has closed is late: dropped and counted. A second sample of an input
 *       series with the same timestamp replaces the first (counted as duplicate).
 *   <li>{@code dedup_interval}: per input series and slot {@code [k·dedup, (k+1)·dedup)}, only the
 *       sample with the greatest timestamp counts; the others are counted as deduplicated.
 *   <li>At a window's close, in this order: its samples are applied; input series and output groups
 *       silent for longer than {@code staleness_interval} (window end − last sample timestamp) are
 *       forgotten, and each series a forgotten group had emitted gets a staleness marker at the
 *       window end; every remaining group emits its outputs. Gauge outputs emit only for windows
 *       with samples; {@code total}, {@code increase} (0 when idle) and {@code histogram_bucket}
 *       emit every window while their group lives; rates emit when a series has a rate.
 *   <li>A staleness marker of an input series ends it: its counter state is dropped, the next
 *       sample starts a new series. NaN values are skipped.
 *   <li>{@code max_output_series}: a new group is admitted only while (groups + 1) × series per
 *       group ≤ the limit; samples for a refused group are dropped and counted.
 * </ul>
 *
 * <p>Not thread-safe; one instance per rule.
 */
public final class RuleEvaluator {

    private final Rule rule;
    private final OutputNamer namer;
    private final List<OutputSpec> outputs;
    private final boolean anyCounter;
    private final long intervalMs;
    private final long delayMs;
    private final long stalenessMs;
    private final long dedupMs;
    private final int seriesPerGroup;

    private final Map<String, InputSeries> series = new HashMap<>();
    private final Map<String, OutputGroup> groups = new HashMap<>();
    private final EvaluatorStats.Counters stats = new EvaluatorStats.Counters();

    /** Every window ending at or before this is closed; Long.MIN_VALUE before the first close. */
    private long closedUpTo = Long.MIN_VALUE;

    private long pendingSamples;

    public RuleEvaluator(Rule rule) {
        this.rule = rule;
        this.namer = new OutputNamer(rule);
        this.outputs = rule.outputs();
        this.anyCounter = WindowSteps.anyCounter(outputs);
        this.intervalMs = rule.interval().toMillis();
        this.delayMs = rule.delay().toMillis();
        this.stalenessMs = rule.stalenessInterval().toMillis();
        this.dedupMs = rule.dedupInterval().toMillis();
        this.seriesPerGroup = OutputNamer.seriesPerGroup(rule);
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be > 0, got " + rule.interval());
        }
    }

    /** Buffers one sample for its window, or counts it as late. */
    public void add(InputSample sample) {
        sample = withoutDroppedLabels(sample);
        if (!sample.stale() && Double.isNaN(sample.value())) {
            stats.nan++;
            return;
        }
        if (windowEnd(sample.timestampMs()) <= closedUpTo) {
            stats.late++;
            return;
        }
        String key = sample.seriesKey();
        InputSeries s = series.get(key);
        if (s == null) {
            String groupKey =
                    OutputSample.format(
                            namer.groupMetric(sample.metricName()),
                            namer.groupLabels(sample.labels()).entrySet());
            s = new InputSeries(sample, key, groupKey);
            series.put(key, s);
        }
        InputSeries.Point previous =
                s.pending.put(
                        sample.timestampMs(),
                        new InputSeries.Point(sample.value(), sample.stale()));
        if (previous != null) {
            stats.duplicates++;
        } else {
            pendingSamples++;
        }
        stats.accepted++;
    }

    /**
     * drop_input_labels applies before anything else: a label that changes on deploy ({@code
     * version}) must not split one input series (its counter) into two.
     */
    private InputSample withoutDroppedLabels(InputSample sample) {
        List<String> drop = rule.dropInputLabels();
        if (drop.isEmpty() || drop.stream().noneMatch(sample.labels()::containsKey)) {
            return sample;
        }
        TreeMap<String, String> labels = new TreeMap<>(sample.labels());
        labels.keySet().removeAll(drop);
        return new InputSample(
                sample.metricName(), labels, sample.timestampMs(), sample.value(), sample.stale());
    }

    /**
     * Moves event time to {@code watermarkMs}: closes every window whose end + delay ≤ it, in
     * order, and returns their output samples (per window sorted by series).
     */
    public List<OutputSample> advanceWatermark(long watermarkMs) {
        List<OutputSample> out = new ArrayList<>();
        long lastClosable = Math.floorDiv(watermarkMs - delayMs, intervalMs) * intervalMs;
        if (closedUpTo == Long.MIN_VALUE) {
            long first = earliestPendingWindowStart();
            if (first == Long.MAX_VALUE) {
                closedUpTo = lastClosable; // nothing buffered: just move time
                return out;
            }
            closedUpTo = Math.min(first, lastClosable);
        }
        while (closedUpTo < lastClosable) {
            if (groups.isEmpty()) {
                // nothing can emit until a buffered sample's window: skip the empty windows
                // (series state left behind is stale by then, see apply)
                // without groups, series without buffered samples are stale or were refused
                series.values().removeIf(s -> s.pending.isEmpty());
                long next = earliestPendingWindowStart();
                if (next > closedUpTo) {
                    closedUpTo = Math.min(next, lastClosable);
                    continue;
                }
            }
            closeWindow(closedUpTo + intervalMs, out);
            closedUpTo += intervalMs;
        }
        return out;
    }

    private void closeWindow(long end, List<OutputSample> out) {
        Map<String, Aggregator[]> window = new HashMap<>();
        List<InputSeries> ordered = new ArrayList<>(series.values());
        ordered.sort(Comparator.comparing(s -> s.groupKey + '\u0000' + s.seriesId));
        for (InputSeries s : ordered) {
            NavigableMap<Long, InputSeries.Point> due = s.pending.headMap(end, false);
            if (!due.isEmpty()) {
                apply(s, dedup(due), window);
                pendingSamples -= due.size();
                due.clear();
            }
        }
        expire(end, window, out);
        List<OutputSample> emitted = new ArrayList<>();
        for (Map.Entry<String, OutputGroup> e : groups.entrySet()) {
            emit(e.getValue(), window.get(e.getKey()), end, emitted);
        }
        emitted.sort(Comparator.comparing(OutputSample::series));
        out.addAll(emitted);
    }

    private List<Map.Entry<Long, InputSeries.Point>> dedup(
            NavigableMap<Long, InputSeries.Point> due) {
        List<Map.Entry<Long, InputSeries.Point>> kept = WindowSteps.dedup(due, dedupMs);
        stats.deduplicated += due.size() - kept.size();
        return kept;
    }

    private void apply(
            InputSeries s,
            List<Map.Entry<Long, InputSeries.Point>> samples,
            Map<String, Aggregator[]> window) {
        for (Map.Entry<Long, InputSeries.Point> e : samples) {
            long ts = e.getKey();
            InputSeries.Point p = e.getValue();
            if (p.stale()) {
                s.tracker = new CounterTracker();
                continue;
            }
            if (s.tracker.isStale(ts, stalenessMs)) {
                // silent longer than staleness_interval: the series starts anew, exactly as if
                // its state had been removed at a window close in between
                s.tracker = new CounterTracker();
            }
            OutputGroup g = groupFor(s);
            if (g == null) {
                stats.overLimit++;
                continue;
            }
            Aggregator[] aggs = window.computeIfAbsent(s.groupKey, k -> newAggregators());
            if (!WindowSteps.feed(
                    outputs, anyCounter, s.tracker, s.seriesId, ts, p.value(), aggs)) {
                stats.outOfOrder++;
            }
            s.lastTimestampMs = Math.max(s.lastTimestampMs, ts);
            g.lastSeenMs = Math.max(g.lastSeenMs, ts);
        }
    }

    private OutputGroup groupFor(InputSeries s) {
        OutputGroup g = groups.get(s.groupKey);
        if (g != null) {
            return g;
        }
        int limit = rule.maxOutputSeries();
        if (limit > 0 && (long) (groups.size() + 1) * seriesPerGroup > limit) {
            stats.groupsRejected++;
            return null;
        }
        Aggregator[] carry = WindowSteps.newCarry(outputs);
        g = new OutputGroup(namer.groupMetric(s.metricName), namer.groupLabels(s.labels), carry);
        groups.put(s.groupKey, g);
        return g;
    }

    private Aggregator[] newAggregators() {
        return WindowSteps.newAggregators(outputs);
    }

    private void expire(long end, Map<String, Aggregator[]> window, List<OutputSample> out) {
        for (Iterator<InputSeries> it = series.values().iterator(); it.hasNext(); ) {
            InputSeries s = it.next();
            long last = s.lastTimestampMs;
            boolean silent = last == Long.MIN_VALUE || end - last > stalenessMs;
            if (silent && s.pending.isEmpty()) {
                it.remove();
            }
        }
        List<OutputSample> markers = new ArrayList<>();
        for (Iterator<Map.Entry<String, OutputGroup>> it = groups.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, OutputGroup> e = it.next();
            OutputGroup g = e.getValue();
            if (!window.containsKey(e.getKey()) && end - g.lastSeenMs > stalenessMs) {
                for (OutputSample last : g.emitted.values()) {
                    markers.add(
                            new OutputSample(last.name(), last.labels(), end, Double.NaN, true));
                }
                it.remove();
            }
        }
        markers.sort(Comparator.comparing(OutputSample::series));
        out.addAll(markers);
    }

    private void emit(OutputGroup g, Aggregator[] window, long end, List<OutputSample> out) {
        WindowSteps.emit(
                namer,
                outputs,
                g.metric,
                g.labels,
                g.carry,
                window,
                end,
                sample -> {
                    g.emitted.put(sample.series(), sample);
                    out.add(sample);
                });
    }

    private long earliestPendingWindowStart() {
        long min = Long.MAX_VALUE;
        for (InputSeries s : series.values()) {
            if (!s.pending.isEmpty()) {
                min = Math.min(min, s.pending.firstKey());
            }
        }
        return min == Long.MAX_VALUE ? min : Math.floorDiv(min, intervalMs) * intervalMs;
    }

    private long windowEnd(long ts) {
        return WindowSteps.windowEnd(ts, intervalMs);
    }

    public EvaluatorStats stats() {
        return stats.snapshot();
    }

    /** Input series with state (counter tracker or buffered samples). */
    public int inputSeriesCount() {
        return series.size();
    }

    /** Output groups alive (not yet stale). */
    public int outputGroupCount() {
        return groups.size();
    }

    /** Samples buffered for windows that have not closed. */
    public long pendingSampleCount() {
        return pendingSamples;
    }

    public Rule rule() {
        return rule;
    }
}
