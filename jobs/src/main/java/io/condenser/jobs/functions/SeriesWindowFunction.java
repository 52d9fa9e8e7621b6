package io.condenser.jobs.functions;

import io.condenser.connectors.model.Labels;
import io.condenser.connectors.model.Sample;
import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.SeriesState;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.aggregate.SeriesIds;
import io.condenser.rules.eval.WindowSteps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (rule, input series): buffers the series' samples per window, and when a window closes
 * (event-time timer at window end + the rule's delay) applies them in timestamp order (dedup,
 * counter tracking with the series' {@link CounterTracker}) into the rule's aggregators, and emits
 * that as one {@link SeriesPartial} for the output group stage.
 *
 * <p>State per key: {@link SeriesState} and the buffered samples. A series silent for longer than
 * the rule's staleness interval loses both at the first window close after that (a timer per
 * series), so state is bounded by the active series. A rule removed or changed by an update loses
 * all its series state at once ({@code applyToKeyedState}); its remaining timers find nothing.
 */
public final class SeriesWindowFunction
        extends KeyedBroadcastProcessFunction<String, MatchedSample, RuleSetUpdate, SeriesPartial> {

    private static final long serialVersionUID = 1L;

    private transient ActiveRules rules;
    private transient ValueState<SeriesState> series;
    private transient MapState<Long, Long> pending;
    private transient ListState<MatchedSample> parked;
    private transient ValueState<Long> parkedSince;
    private transient Counter late;
    private transient Counter duplicates;
    private transient Counter nan;
    private transient Counter outOfOrder;
    private transient Counter deduplicated;
    private transient Counter unknownRule;
    private transient Counter removedByUpdate;

    @Override
    public void open(OpenContext openContext) {
        rules = new ActiveRules();
        series = getRuntimeContext().getState(StateDescriptors.series());
        pending = getRuntimeContext().getMapState(StateDescriptors.pendingSamples());
        parked = getRuntimeContext().getListState(StateDescriptors.parkedSamples());
        parkedSince = getRuntimeContext().getState(StateDescriptors.parkedSince());
        var metrics = getRuntimeContext().getMetricGroup();
        late = metrics.counter("samples_late");
        duplicates = metrics.counter("samples_duplicate");
        nan = metrics.counter("samples_nan");
        outOfOrder = metrics.counter("samples_counter_out_of_order");
        deduplicated = metrics.counter("samples_deduplicated");
        unknownRule = metrics.counter("samples_unknown_rule_version");
        removedByUpdate = metrics.counter("series_removed_by_rule_update");
    }

    @Override
    public void processElement(MatchedSample m, ReadOnlyContext ctx, Collector<SeriesPartial> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        ActiveRules.Compiled c = rules.rule(m.rule());
        long watermark = ctx.timerService().currentWatermark();
        if (c == null || c.fingerprint() != m.fingerprint()) {
            // its rule update has not reached this subtask yet: wait for it
            parked.add(m);
            if (parkedSince.value() == null) {
                parkedSince.update(watermark);
            }
            ctx.timerService()
                    .registerEventTimeTimer(
                            Math.max(m.sample().timestampMs(), safeIncrement(watermark)));
            return;
        }
        add(m, c, ctx.timerService(), watermark);
    }

    private static long safeIncrement(long watermark) {
        return watermark == Long.MAX_VALUE ? watermark : watermark + 1;
    }

    /** Parked elements whose rule is known now are added as of the watermark they arrived at. */
    private void unpark(TimerService timers) throws Exception {
        Long since = parkedSince.value();
        if (since == null) {
            return;
        }
        for (MatchedSample m : parked.get()) {
            ActiveRules.Compiled c = rules.rule(m.rule());
            if (c == null || c.fingerprint() != m.fingerprint()) {
                unknownRule.inc(); // an update this subtask never got, or one since replaced
            } else {
                add(m, c, timers, since);
            }
        }
        parked.clear();
        parkedSince.clear();
    }

    private void add(MatchedSample m, ActiveRules.Compiled c, TimerService timers, long watermark)
            throws Exception {
        Sample sample = m.sample();
        if (!sample.isStale() && Double.isNaN(sample.value())) {
            nan.inc();
            return;
        }
        long ts = sample.timestampMs();
        long end = WindowSteps.windowEnd(ts, c.intervalMs());
        if (end + c.delayMs() <= watermark) {
            late.inc();
            return;
        }
        SeriesState s = series.value();
        if (s != null && end <= s.closedUpTo) {
            late.inc();
            return;
        }
        if (s == null || s.fingerprint != c.fingerprint()) {
            s = new SeriesState();
            s.fingerprint = c.fingerprint();
            s.groupMetric = c.namer().groupMetric(sample.name());
            s.groupLabels = Labels.fromMap(c.namer().groupLabels(sample.labels().toMap()));
            series.update(s);
        }
        long bits =
                sample.isStale()
                        ? Sample.STALE_NAN_BITS
                        : Double.doubleToRawLongBits(sample.value());
        if (pending.contains(ts)) {
            duplicates.inc();
        }
        pending.put(ts, bits);
        timers.registerEventTimeTimer(end + c.delayMs());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SeriesPartial> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        unpark(ctx.timerService());
        String key = ctx.getCurrentKey();
        ActiveRules.Compiled c = rules.rule(ActiveRules.ruleOfKey(key));
        SeriesState s = series.value();
        if (s == null) {
            return;
        }
        if (c == null || c.fingerprint() != s.fingerprint) {
            clear();
            return;
        }
        // aligned: a parking timer may fire at any time, windows close at their ends only
        long closeUpTo = Math.floorDiv(timestamp - c.delayMs(), c.intervalMs()) * c.intervalMs();
        TreeMap<Long, TreeMap<Long, Long>> byWindow = new TreeMap<>();
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, Long> e : pending.entries()) {
            long ts = e.getKey();
            long end = WindowSteps.windowEnd(ts, c.intervalMs());
            if (end <= closeUpTo) {
                byWindow.computeIfAbsent(end, k -> new TreeMap<>()).put(ts, e.getValue());
                done.add(ts);
            }
        }
        long seriesId = SeriesIds.of(sampleKey(key));
        for (Map.Entry<Long, TreeMap<Long, Long>> w : byWindow.entrySet()) {
            applyWindow(c, s, seriesId, w.getKey(), w.getValue(), out);
        }
        for (Long ts : done) {
            pending.remove(ts);
        }
        s.closedUpTo = Math.max(s.closedUpTo, closeUpTo);
        if (pending.isEmpty()) {
            if (s.lastTimestampMs == Long.MIN_VALUE
                    || closeUpTo - s.lastTimestampMs > c.stalenessMs()) {
                clear();
                return;
            }
            // the first window close at which the series counts as silent
            long expiry =
                    WindowSteps.windowEnd(s.lastTimestampMs + c.stalenessMs(), c.intervalMs());
            ctx.timerService().registerEventTimeTimer(expiry + c.delayMs());
        }
        series.update(s);
    }

    private void applyWindow(
            ActiveRules.Compiled c,
            SeriesState s,
            long seriesId,
            long end,
            TreeMap<Long, Long> samples,
            Collector<SeriesPartial> out) {
        List<Map.Entry<Long, Long>> kept = WindowSteps.dedup(samples, c.dedupMs());
        deduplicated.inc(samples.size() - kept.size());
        Aggregator[] aggs = null;
        long windowLast = Long.MIN_VALUE;
        for (Map.Entry<Long, Long> e : kept) {
            long ts = e.getKey();
            long bits = e.getValue();
            if (bits == Sample.STALE_NAN_BITS) {
                s.tracker = new CounterTracker(); // the input series ended
                continue;
            }
            if (s.tracker.isStale(ts, c.stalenessMs())) {
                s.tracker = new CounterTracker();
            }
            if (aggs == null) {
                aggs = WindowSteps.newAggregators(c.rule().outputs());
            }
            double value = Double.longBitsToDouble(bits);
            if (!WindowSteps.feed(
                    c.rule().outputs(), c.anyCounter(), s.tracker, seriesId, ts, value, aggs)) {
                outOfOrder.inc();
            }
            s.lastTimestampMs = Math.max(s.lastTimestampMs, ts);
            windowLast = Math.max(windowLast, ts);
        }
        if (aggs != null) {
            out.collect(
                    new SeriesPartial(
                            c.rule().name(),
                            c.fingerprint(),
                            s.groupMetric,
                            s.groupLabels,
                            end,
                            windowLast,
                            aggs));
        }
    }

    /** The input series part of the key, in the selector form RuleEvaluator ids series by. */
    private static String sampleKey(String key) {
        int i = key.indexOf('\u0000');
        return i < 0 ? key : key.substring(i + 1);
    }

    private void clear() {
        series.clear();
        pending.clear();
        // parked elements are not cleared: they belong to a rule definition this state is not of
    }

    @Override
    public void processBroadcastElement(
            RuleSetUpdate update, Context ctx, Collector<SeriesPartial> out) throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        ActiveRules.Outcome outcome = rules.update(update);
        if (!outcome.accepted()) {
            return; // the match stage counts and logs it
        }
        ctx.getBroadcastState(StateDescriptors.rules()).put(StateDescriptors.CURRENT_RULES, update);
        Set<String> touched = new HashSet<>(outcome.diff().removed());
        touched.addAll(outcome.diff().changed());
        if (touched.isEmpty()) {
            return;
        }
        AtomicLong removed = new AtomicLong();
        ctx.applyToKeyedState(
                StateDescriptors.series(),
                (key, state) -> {
                    if (touched.contains(ActiveRules.ruleOfKey(key))) {
                        state.clear();
                        removed.incrementAndGet();
                    }
                });
        ctx.applyToKeyedState(
                StateDescriptors.pendingSamples(),
                (key, state) -> {
                    if (touched.contains(ActiveRules.ruleOfKey(key))) {
                        state.clear();
                    }
                });
        removedByUpdate.inc(removed.get());
    }
}
