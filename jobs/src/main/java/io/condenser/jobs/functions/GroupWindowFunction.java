package io.condenser.jobs.functions;

import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.GroupState;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.WindowSteps;
import io.condenser.rules.model.Rule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (rule, output group): merges the {@link SeriesPartial}s of each window and, when the
 * window closes (event-time timer at window end + delay), emits the group's output samples with
 * timestamp = window end. While a group lives, a timer chain closes every window, so {@code total}
 * and {@code increase} emit through idle windows; a group without samples for longer than the
 * staleness interval emits a staleness marker for every series it emitted and loses its state and
 * timers.
 *
 * <p>{@code max_output_series} is enforced per subtask: each of the N subtasks admits new groups
 * while its own groups × series per group stay within ⌈limit / N⌉; partials of a refused group are
 * dropped and counted ({@code groups_rejected_max_output_series}). The per-subtask group count is
 * operator memory, rebuilt from the groups that send samples after a restore.
 */
public final class GroupWindowFunction
        extends KeyedBroadcastProcessFunction<String, SeriesPartial, RuleSetUpdate, Sample> {

    private static final long serialVersionUID = 1L;

    private transient ActiveRules rules;
    private transient ValueState<GroupState> group;
    private transient MapState<Long, Aggregator[]> windows;
    private transient ListState<SeriesPartial> parked;
    private transient ValueState<Long> parkedSince;
    private transient Map<String, Integer> liveGroups;
    private transient Counter rejected;
    private transient Counter unknownRule;
    private transient Counter latePartials;
    private transient Counter staleGroups;
    private transient Counter removedByUpdate;

    @Override
    public void open(OpenContext openContext) {
        rules = new ActiveRules();
        group = getRuntimeContext().getState(StateDescriptors.group());
        windows = getRuntimeContext().getMapState(StateDescriptors.groupWindows());
        parked = getRuntimeContext().getListState(StateDescriptors.parkedPartials());
        parkedSince = getRuntimeContext().getState(StateDescriptors.parkedSince());
        liveGroups = new HashMap<>();
        var metrics = getRuntimeContext().getMetricGroup();
        rejected = metrics.counter("groups_rejected_max_output_series");
        unknownRule = metrics.counter("partials_unknown_rule_version");
        latePartials = metrics.counter("partials_late");
        staleGroups = metrics.counter("groups_stale");
        removedByUpdate = metrics.counter("groups_removed_by_rule_update");
    }

    @Override
    public void processElement(SeriesPartial p, ReadOnlyContext ctx, Collector<Sample> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        ActiveRules.Compiled c = rules.rule(p.rule());
        long watermark = ctx.timerService().currentWatermark();
        if (c == null || c.fingerprint() != p.fingerprint()) {
            // its rule update has not reached this subtask yet: wait for it
            parked.add(p);
            if (parkedSince.value() == null) {
                parkedSince.update(watermark);
            }
            long probe = watermark == Long.MAX_VALUE ? watermark : watermark + 1;
            ctx.timerService().registerEventTimeTimer(Math.max(p.windowEnd(), probe));
            return;
        }
        add(p, c, ctx.timerService(), watermark);
    }

    /** Parked partials whose rule is known now are added as of the watermark they arrived at. */
    private void unpark(TimerService timers) throws Exception {
        Long since = parkedSince.value();
        if (since == null) {
            return;
        }
        for (SeriesPartial p : parked.get()) {
            ActiveRules.Compiled c = rules.rule(p.rule());
            if (c == null || c.fingerprint() != p.fingerprint()) {
                unknownRule.inc(); // an update this subtask never got, or one since replaced
            } else {
                add(p, c, timers, since);
            }
        }
        parked.clear();
        parkedSince.clear();
    }

    private void add(SeriesPartial p, ActiveRules.Compiled c, TimerService timers, long watermark)
            throws Exception {
        long close = p.windowEnd() + c.delayMs();
        if (close < watermark) {
            latePartials.inc();
            return;
        }
        GroupState g = group.value();
        if (g != null && p.windowEnd() <= g.lastEmittedEnd) {
            latePartials.inc(); // watermarks start over after a restore; emitted is emitted
            return;
        }
        if (g == null || g.fingerprint != c.fingerprint()) {
            if (!admit(c)) {
                rejected.inc();
                return;
            }
            g = new GroupState();
            g.fingerprint = c.fingerprint();
            g.metric = p.groupMetric();
            g.labels = p.groupLabels();
            g.carry = WindowSteps.newCarry(c.rule().outputs());
        }
        Aggregator[] merged = windows.get(p.windowEnd());
        if (merged == null) {
            merged = p.aggregators();
        } else {
            for (int i = 0; i < merged.length; i++) {
                merged[i].merge(p.aggregators()[i]);
            }
        }
        windows.put(p.windowEnd(), merged);
        g.lastSeenMs = Math.max(g.lastSeenMs, p.lastTimestampMs());
        group.update(g);
        timers.registerEventTimeTimer(close);
    }

    private boolean admit(ActiveRules.Compiled c) {
        String rule = c.rule().name();
        int limit = c.rule().maxOutputSeries();
        int live = liveGroups.getOrDefault(rule, 0);
        if (limit > 0) {
            int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
            long share = (limit + subtasks - 1) / subtasks;
            if ((long) (live + 1) * c.seriesPerGroup() > share) {
                return false;
            }
        }
        liveGroups.put(rule, live + 1);
        return true;
    }

    private void forget(String rule) {
        liveGroups.computeIfPresent(rule, (r, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Sample> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        unpark(ctx.timerService());
        GroupState g = group.value();
        if (g == null) {
            return;
        }
        String rule = ActiveRules.ruleOfKey(ctx.getCurrentKey());
        ActiveRules.Compiled c = rules.rule(rule);
        if (c == null || c.fingerprint() != g.fingerprint) {
            clear(rule);
            return;
        }
        long end = timestamp - c.delayMs();
        if (end <= g.lastEmittedEnd || Math.floorMod(end, c.intervalMs()) != 0) {
            return; // an old or a parking timer, not a window close of this group
        }
        Aggregator[] window = windows.get(end);
        if (window == null && g.lastEmittedEnd == Long.MIN_VALUE) {
            return; // the group starts with a later window
        }
        if (window == null && end - g.lastSeenMs > c.stalenessMs()) {
            for (GroupState.Emitted e : g.emitted) {
                out.collect(Sample.staleMarker(e.name(), e.labels(), end));
            }
            staleGroups.inc();
            clear(rule);
            return;
        }
        windows.remove(end);
        TreeMap<String, String> labels = new TreeMap<>(g.labels.toMap());
        Set<GroupState.Emitted> known = new HashSet<>(g.emitted);
        WindowSteps.emit(
                c.namer(),
                c.rule().outputs(),
                g.metric,
                labels,
                g.carry,
                window,
                end,
                sample -> {
                    Labels l = toLabels(sample);
                    GroupState.Emitted e = new GroupState.Emitted(sample.name(), l);
                    if (known.add(e)) {
                        g.emitted.add(e);
                    }
                    out.collect(Sample.of(sample.name(), l, end, sample.value()));
                });
        g.lastEmittedEnd = end;
        group.update(g);
        ctx.timerService().registerEventTimeTimer(end + c.intervalMs() + c.delayMs());
    }

    private static Labels toLabels(OutputSample sample) {
        Labels.Builder b = Labels.builder();
        for (Map.Entry<String, String> e : sample.labels()) {
            b.set(e.getKey(), e.getValue());
        }
        return b.build();
    }

    private void clear(String rule) {
        group.clear();
        windows.clear();
        forget(rule);
    }

    /**
     * Removed rules: every group emits staleness markers for its series (at the end of the window
     * after the last it emitted) and loses its state. Changed rules: state dropped without markers
     * (the new definition emits from its first window on). Unchanged rules: untouched.
     */
    @Override
    public void processBroadcastElement(RuleSetUpdate update, Context ctx, Collector<Sample> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        // the old definitions' intervals: where a removed rule's next window would have ended
        Map<String, Long> intervals = new HashMap<>();
        for (Rule r : rules.ruleSet().enabledRules()) {
            intervals.put(r.name(), r.interval().toMillis());
        }
        ActiveRules.Outcome outcome = rules.update(update);
        if (!outcome.accepted()) {
            return; // the match stage counts and logs it
        }
        ctx.getBroadcastState(StateDescriptors.rules()).put(StateDescriptors.CURRENT_RULES, update);
        Set<String> removed = new HashSet<>(outcome.diff().removed());
        Set<String> changed = new HashSet<>(outcome.diff().changed());
        if (removed.isEmpty() && changed.isEmpty()) {
            return;
        }
        long[] count = new long[1];
        ctx.applyToKeyedState(
                StateDescriptors.group(),
                (key, state) -> {
                    String rule = ActiveRules.ruleOfKey(key);
                    GroupState g = state.value();
                    if (g == null || !(removed.contains(rule) || changed.contains(rule))) {
                        return;
                    }
                    if (removed.contains(rule) && g.lastEmittedEnd != Long.MIN_VALUE) {
                        long at = g.lastEmittedEnd + intervals.getOrDefault(rule, 0L);
                        for (GroupState.Emitted e : g.emitted) {
                            out.collect(Sample.staleMarker(e.name(), e.labels(), at));
                        }
                    }
                    state.clear();
                    count[0]++;
                    liveGroups.remove(rule);
                });
        ctx.applyToKeyedState(
                StateDescriptors.groupWindows(),
                (key, state) -> {
                    String rule = ActiveRules.ruleOfKey(key);
                    if (removed.contains(rule) || changed.contains(rule)) {
                        state.clear();
                    }
                });
        removedByUpdate.inc(count[0]);
    }
}
