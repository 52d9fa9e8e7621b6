package io.condenser.jobs.functions;

import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.combine.CombiningFunction;
import io.condenser.jobs.combine.PartialCombiner;
import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.SeriesState;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.CounterDelta;
import io.condenser.rules.aggregate.SeriesIds;
import io.condenser.rules.eval.SeriesFeed;
import io.condenser.rules.eval.WindowSteps;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.SeriesSelector;
import io.condenser.rules.parse.SelectorSyntaxException;
import io.condenser.rules.parse.SeriesSelectorParser;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (rule, input series), for rules with counter outputs or {@code dedup_interval}: runs
 * each arriving sample through the series' {@link SeriesFeed} (dedup, staleness, counter deltas)
 * and pre-aggregates what it lets through per output group and window ({@link PartialCombiner});
 * the partials leave as windows close. Per sample that is one state read and one write of a few
 * dozen bytes; no sample is stored.
 *
 * <p>Timers: one per series per staleness interval (a series silent past it loses its state), and
 * with {@code dedup_interval} one per window that holds a sample. A rule removed or changed by an
 * update loses all its series state at once ({@code applyToKeyedState}).
 *
 * <p>State written by release 0.1 (samples buffered per series until the window closed) is applied
 * the first time its key is touched: by a sample or by one of its old timers.
 */
public final class SeriesFeedFunction
        extends KeyedBroadcastProcessFunction<String, MatchedSample, RuleSetUpdate, SeriesPartial>
        implements CombiningFunction {

    private static final long serialVersionUID = 1L;

    private final PipelineSettings settings;

    private transient ActiveRules rules;
    private transient ValueState<SeriesState> series;
    private transient MapState<Long, Long> legacyPending;
    private transient ListState<MatchedSample> parked;
    private transient ValueState<Long> parkedSince;
    private transient PartialCombiner combiner;
    private transient Counter late;
    private transient Counter nan;
    private transient Counter outOfOrder;
    private transient Counter deduplicated;
    private transient Counter unknownRule;
    private transient Counter removedByUpdate;

    public SeriesFeedFunction(PipelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new ActiveRules();
        series = getRuntimeContext().getState(StateDescriptors.series());
        legacyPending = getRuntimeContext().getMapState(StateDescriptors.pendingSamples());
        parked = getRuntimeContext().getListState(StateDescriptors.parkedSamples());
        parkedSince = getRuntimeContext().getState(StateDescriptors.parkedSince());
        combiner =
                new PartialCombiner(
                        settings.combinerMaxCachedSeries(), settings.combinerMaxOpenWindows());
        var metrics = getRuntimeContext().getMetricGroup();
        late = metrics.counter("samples_late");
        nan = metrics.counter("samples_nan");
        outOfOrder = metrics.counter("samples_counter_out_of_order");
        deduplicated = metrics.counter("samples_deduplicated");
        unknownRule = metrics.counter("samples_unknown_rule_version");
        removedByUpdate = metrics.counter("series_removed_by_rule_update");
        metrics.gauge("combiner_open_windows", combiner::openWindows);
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
        add(m, c, ctx.getCurrentKey(), ctx.timerService(), watermark, out::collect);
    }

    private static long safeIncrement(long watermark) {
        return watermark == Long.MAX_VALUE ? watermark : watermark + 1;
    }

    /** Parked elements whose rule is known now are added as of the watermark they arrived at. */
    private void unpark(String key, TimerService timers, Consumer<SeriesPartial> out)
            throws Exception {
        Long since = parkedSince.value();
        if (since == null) {
            return;
        }
        for (MatchedSample m : parked.get()) {
            ActiveRules.Compiled c = rules.rule(m.rule());
            if (c == null || c.fingerprint() != m.fingerprint()) {
                unknownRule.inc(); // an update this subtask never got, or one since replaced
            } else {
                add(m, c, key, timers, since, out);
            }
        }
        parked.clear();
        parkedSince.clear();
    }

    private void add(
            MatchedSample m,
            ActiveRules.Compiled c,
            String key,
            TimerService timers,
            long watermark,
            Consumer<SeriesPartial> out)
            throws Exception {
        Sample sample = m.sample();
        if (!sample.isStale() && Double.isNaN(sample.value())) {
            nan.inc();
            return;
        }
        long ts = sample.timestampMs();
        if (WindowSteps.windowEnd(ts, c.intervalMs()) + c.delayMs() <= watermark) {
            late.inc();
            return;
        }
        SeriesState s = current(c, key, out);
        if (s == null || s.fingerprint != c.fingerprint()) {
            s = new SeriesState();
            s.fingerprint = c.fingerprint();
        }
        SeriesFeed.Params p = c.feedParams();
        SeriesFeed.Sink sink = (t, v, d) -> apply(c, sample, t, v, d, out);
        if (sample.isStale()) {
            s.feed.end(p, sink);
            s.heldSample = null;
        } else {
            SeriesFeed.Outcome o = s.feed.accept(p, ts, sample.value(), sink);
            if (o == SeriesFeed.Outcome.DEDUPLICATED) {
                deduplicated.inc();
            } else if (o == SeriesFeed.Outcome.HELD) {
                s.heldSample = sample;
                timers.registerEventTimeTimer(
                        WindowSteps.windowEnd(ts, c.intervalMs()) + c.delayMs());
            }
            if (!s.feed.holdsSample()) {
                s.heldSample = null;
            }
        }
        if (s.expiryTimerMs == Long.MIN_VALUE) {
            long last = s.feed.lastTimestampMs();
            s.expiryTimerMs = expiry(c, last == Long.MIN_VALUE ? ts : last);
            timers.registerEventTimeTimer(s.expiryTimerMs);
        }
        series.update(s);
    }

    private void apply(
            ActiveRules.Compiled c,
            Sample sample,
            long ts,
            double value,
            CounterDelta delta,
            Consumer<SeriesPartial> out) {
        if (c.anyCounter() && delta == null) {
            outOfOrder.inc();
        }
        combiner.add(c, sample, ts, value, delta, out);
    }

    /** The first window close at which the series counts as silent. */
    private static long expiry(ActiveRules.Compiled c, SeriesState s) {
        return expiry(c, s.feed.lastTimestampMs());
    }

    private static long expiry(ActiveRules.Compiled c, long lastTimestampMs) {
        return WindowSteps.windowEnd(lastTimestampMs + c.stalenessMs(), c.intervalMs())
                + c.delayMs();
    }

    /** The key's state, with state restored from release 0.1 applied first. */
    private SeriesState current(ActiveRules.Compiled c, String key, Consumer<SeriesPartial> out)
            throws Exception {
        SeriesState s = series.value();
        if (s == null || !s.legacy) {
            return s;
        }
        s.legacy = false;
        TreeMap<Long, Long> buffered = new TreeMap<>();
        for (Map.Entry<Long, Long> e : legacyPending.entries()) {
            buffered.put(e.getKey(), e.getValue());
        }
        legacyPending.clear();
        if (c == null || c.fingerprint() != s.fingerprint) {
            return s;
        }
        SeriesFeed.Params p = c.feedParams();
        Sample identity = seriesOfKey(key);
        SeriesFeed.Sink sink;
        if (identity != null) {
            sink = (t, v, d) -> apply(c, identity, t, v, d, out);
        } else {
            long seriesId = SeriesIds.of(sampleKey(key));
            sink =
                    (t, v, d) -> {
                        if (c.anyCounter() && d == null) {
                            outOfOrder.inc();
                        }
                        combiner.addToGroup(
                                c,
                                s.legacyGroupMetric,
                                s.legacyGroupLabels,
                                seriesId,
                                t,
                                v,
                                d,
                                out);
                    };
        }
        for (Map.Entry<Long, Long> e : buffered.entrySet()) {
            if (e.getValue() == Sample.STALE_NAN_BITS) {
                s.feed.end(p, sink);
            } else if (s.feed.accept(p, e.getKey(), Double.longBitsToDouble(e.getValue()), sink)
                    == SeriesFeed.Outcome.DEDUPLICATED) {
                deduplicated.inc();
            }
        }
        if (s.feed.holdsSample()) {
            if (identity != null) {
                // stays held (a later sample of its slot may replace it); release 0.1's timer at
                // its window close applies it
                s.heldSample = identity;
            } else {
                s.feed.flush(p, Long.MAX_VALUE, c.intervalMs(), sink);
            }
        }
        return s;
    }

    /**
     * The input series of a key, parsed back from its selector form (release 0.1 state has no
     * labels of its own); null when it does not parse.
     */
    private static Sample seriesOfKey(String key) {
        try {
            SeriesSelector selector = SeriesSelectorParser.parse(sampleKey(key));
            String name = selector.exactMetricName();
            if (name == null) {
                return null;
            }
            Labels.Builder labels = Labels.builder();
            for (LabelMatcher m : selector.matchers()) {
                if (!m.isEquality()) {
                    return null;
                }
                if (!m.name().equals(LabelMatcher.METRIC_NAME)) {
                    labels.set(m.name(), m.value());
                }
            }
            return Sample.of(name, labels.build(), 0, 0);
        } catch (SelectorSyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The input series part of a key: the selector form the series' id is computed from. */
    private static String sampleKey(String key) {
        int i = key.indexOf('\u0000');
        return i < 0 ? key : key.substring(i + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SeriesPartial> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        Consumer<SeriesPartial> emit = out::collect;
        String key = ctx.getCurrentKey();
        unpark(key, ctx.timerService(), emit);
        ActiveRules.Compiled c = rules.rule(ActiveRules.ruleOfKey(key));
        SeriesState s = current(c, key, emit);
        if (s == null) {
            return;
        }
        if (c == null || c.fingerprint() != s.fingerprint) {
            clear();
            return;
        }
        long closeUpTo = Math.floorDiv(timestamp - c.delayMs(), c.intervalMs()) * c.intervalMs();
        if (s.feed.holdsSample() && s.heldSample != null) {
            Sample held = s.heldSample;
            s.feed.flush(
                    c.feedParams(),
                    closeUpTo,
                    c.intervalMs(),
                    (t, v, d) -> apply(c, held, t, v, d, emit));
            if (!s.feed.holdsSample()) {
                s.heldSample = null;
            }
        }
        long last = s.feed.lastTimestampMs();
        if (!s.feed.holdsSample()
                && (last == Long.MIN_VALUE || closeUpTo - last > c.stalenessMs())) {
            clear();
            return;
        }
        if (timestamp >= s.expiryTimerMs) {
            s.expiryTimerMs = expiry(c, s);
            ctx.timerService().registerEventTimeTimer(s.expiryTimerMs);
        }
        series.update(s);
    }

    private void clear() throws Exception {
        series.clear();
        legacyPending.clear();
        // parked elements are not cleared: they belong to a rule definition this state is not of
    }

    @Override
    public void flushClosed(long watermark, Consumer<SeriesPartial> out) {
        combiner.flush(watermark, out);
    }

    @Override
    public void flushAll(Consumer<SeriesPartial> out) {
        combiner.flushAll(out);
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
        combiner.forget(touched);
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
