package io.condenser.rules.eval;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.CounterDelta;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.naming.OutputNamer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 *       Samples are applied as they arrive ({@link SeriesFeed}: per input series in arrival order,
 *       as Prometheus ingests; counter outputs skip a sample older than the series' last one,
 *       counted out of order). A window closes when the watermark reaches its end + {@code delay}
 *       and its outputs are emitted, all with timestamp = window end. A replay gives the same
 *       samples.
 *   <li>A sample whose window has closed is late: dropped and counted. Every other sample counts, a
 *       repeated timestamp included (counters see a delta of 0), unless {@code dedup_interval} is
 *       set.
 *   <li>{@code dedup_interval}: per input series and slot {@code [k·dedup, (k+1)·dedup)}, only the
 *       sample with the greatest timestamp counts (held until a later slot's sample arrives or its
 *       window closes); the others are counted as deduplicated.
 *   <li>At a window's close, in this order: held samples are applied; input series and output
 *       groups silent for longer than {@code staleness_interval} (window end − last sample
 *       timestamp) are forgotten, and each series a forgotten group had emitted gets a staleness
 *       marker at the window end; every remaining group emits its outputs. Gauge outputs emit only
 *       for windows with samples; {@code total}, {@code increase} (0 when idle) and {@code
 *       histogram_bucket} emit every window while their group lives; rates emit when a series has a
 *       rate.
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
    private final SeriesFeed.Params feedParams;
    private final int seriesPerGroup;

    private final Map<String, InputSeries> series = new HashMap<>();
    private final Map<String, OutputGroup> groups = new HashMap<>();

    /** Open windows by end: per output group key, what its series applied so far. */
    private final TreeMap<Long, Map<String, WindowAcc>> windows = new TreeMap<>();

    private final EvaluatorStats.Counters stats = new EvaluatorStats.Counters();

    /** Every window ending at or before this is closed; Long.MIN_VALUE before the first close. */
    private long closedUpTo = Long.MIN_VALUE;

    /** One output group's share of one open window. */
    private static final class WindowAcc {
        final InputSeries first;
        final Aggregator[] aggs;
        long lastTimestampMs = Long.MIN_VALUE;
        long inputs;

        WindowAcc(InputSeries first, Aggregator[] aggs) {
            this.first = first;
            this.aggs = aggs;
        }
    }

    public RuleEvaluator(Rule rule) {
        this.rule = rule;
        this.namer = new OutputNamer(rule);
        this.outputs = rule.outputs();
        this.anyCounter = WindowSteps.anyCounter(outputs);
        this.intervalMs = rule.interval().toMillis();
        this.delayMs = rule.delay().toMillis();
        this.stalenessMs = rule.stalenessInterval().toMillis();
        this.feedParams =
                new SeriesFeed.Params(rule.dedupInterval().toMillis(), stalenessMs, anyCounter);
        this.seriesPerGroup = OutputNamer.seriesPerGroup(rule);
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be > 0, got " + rule.interval());
        }
    }

    /** Applies one sample to its window, or counts it as late. */
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
        stats.accepted++;
        InputSeries in = s;
        if (sample.stale()) {
            s.feed.end(feedParams, (ts, v, d) -> apply(in, ts, v, d));
            return;
        }
        SeriesFeed.Outcome o =
                s.feed.accept(
                        feedParams,
                        sample.timestampMs(),
                        sample.value(),
                        (ts, v, d) -> apply(in, ts, v, d));
        if (o == SeriesFeed.Outcome.DEDUPLICATED) {
            stats.deduplicated++;
        }
    }

    private void apply(InputSeries s, long ts, double value, CounterDelta delta) {
        if (anyCounter && delta == null) {
            stats.outOfOrder++;
        }
        WindowAcc acc =
                windows.computeIfAbsent(windowEnd(ts), k -> new HashMap<>())
                        .computeIfAbsent(
                                s.groupKey,
                                k -> new WindowAcc(s, WindowSteps.newAggregators(outputs)));
        WindowSteps.feed(outputs, s.seriesId, ts, value, delta, acc.aggs);
        acc.lastTimestampMs = Math.max(acc.lastTimestampMs, ts);
        acc.inputs++;
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
            long first = earliestOpenWindowStart();
            if (first == Long.MAX_VALUE) {
                closedUpTo = lastClosable; // nothing buffered: just move time
                return out;
            }
            closedUpTo = Math.min(first, lastClosable);
        }
        while (closedUpTo < lastClosable) {
            if (groups.isEmpty()) {
                // nothing can emit until an open window: skip the empty windows, forgetting the
                // series that went silent on the way (as the closes in between would have)
                long next = earliestOpenWindowStart();
                if (next > closedUpTo) {
                    long to = Math.min(next, lastClosable);
                    series.values().removeIf(s -> !s.feed.holdsSample() && silent(s, to));
                    closedUpTo = to;
                    continue;
                }
            }
            closeWindow(closedUpTo + intervalMs, out);
            closedUpTo += intervalMs;
        }
        return out;
    }

    private void closeWindow(long end, List<OutputSample> out) {
        for (InputSeries s : series.values()) {
            if (s.feed.holdsSample()) {
                s.feed.flush(feedParams, end, intervalMs, (ts, v, d) -> apply(s, ts, v, d));
            }
        }
        Map<String, WindowAcc> accs = windows.remove(end);
        Map<String, Aggregator[]> window = new HashMap<>();
        if (accs != null) {
            List<String> keys = new ArrayList<>(accs.keySet());
            keys.sort(Comparator.naturalOrder());
            for (String key : keys) {
                WindowAcc acc = accs.get(key);
                OutputGroup g = groupFor(key, acc.first);
                if (g == null) {
                    stats.overLimit += acc.inputs;
                    continue;
                }
                g.lastSeenMs = Math.max(g.lastSeenMs, acc.lastTimestampMs);
                window.put(key, acc.aggs);
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

    private OutputGroup groupFor(String groupKey, InputSeries s) {
        OutputGroup g = groups.get(groupKey);
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
        groups.put(groupKey, g);
        return g;
    }

    private boolean silent(InputSeries s, long end) {
        long last = s.feed.lastTimestampMs();
        return last == Long.MIN_VALUE || end - last > stalenessMs;
    }

    private void expire(long end, Map<String, Aggregator[]> window, List<OutputSample> out) {
        series.values().removeIf(s -> !s.feed.holdsSample() && silent(s, end));
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

    private long earliestOpenWindowStart() {
        long min = windows.isEmpty() ? Long.MAX_VALUE : windows.firstKey() - intervalMs;
        for (InputSeries s : series.values()) {
            if (s.feed.holdsSample()) {
                min = Math.min(min, windowEnd(s.feed.heldTimestampMs()) - intervalMs);
            }
        }
        return min;
    }

    private long windowEnd(long ts) {
        return WindowSteps.windowEnd(ts, intervalMs);
    }

    public EvaluatorStats stats() {
        return stats.snapshot();
    }

    /** Input series with state (counter tracker or a held sample). */
    public int inputSeriesCount() {
        return series.size();
    }

    /** Output groups alive (not yet stale). */
    public int outputGroupCount() {
        return groups.size();
    }

    /** Samples held back by {@code dedup_interval} for windows that have not closed. */
    public long pendingSampleCount() {
        return series.values().stream().filter(s -> s.feed.holdsSample()).count();
    }

    public Rule rule() {
        return rule;
    }
}
