package io.condenser.rules.engine;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.CounterDelta;
import io.condenser.rules.aggregate.SeriesIds;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The local pre-aggregation before the output-group shuffle: one subtask's applied samples, merged
 * on the heap per (rule, output group, window) into the rule's aggregators, and sent on as one
 * {@link SeriesPartial} per group and window when the window closes ({@link #flush}) or before a
 * checkpoint barrier ({@link #flushAll}), so it needs no state of its own. The group stage then
 * merges one partial per subtask instead of one per input series, and no sample is kept anywhere.
 *
 * <p>Which group a series belongs to is computed once per series and cached (by the series' 64-bit
 * hash) until the cache reaches its bound; the cache is rebuilt from arriving samples, so it is
 * never state either.
 */
public final class PartialCombiner {

    /** Bounds the heap: past these the caches are dropped (and rebuilt) or groups sent early. */
    private final int maxCachedSeries;

    private final int maxOpenWindows;

    /** Per rule definition: while a changed rule hands over, both definitions fill windows. */
    private final Map<CompiledRule, RuleGroups> rules = new IdentityHashMap<>();

    private int cachedSeries;
    private int openWindows;
    private long earliestClose = Long.MAX_VALUE;

    /** One output group's open windows. */
    private static final class Group {
        final String metric;
        final Labels labels;
        final Map<Long, Open> windows = new TreeMap<>();

        /** The window the last sample went to: nearly every sample goes to the same one. */
        long lastEnd = Long.MIN_VALUE;

        Open last;

        Group(String metric, Labels labels) {
            this.metric = metric;
            this.labels = labels;
        }
    }

    /** One group's share of one open window. */
    private static final class Open {
        final Aggregator[] aggregators;
        long lastTimestampMs = Long.MIN_VALUE;

        Open(Aggregator[] aggregators) {
            this.aggregators = aggregators;
        }
    }

    /** A cached series: its group and its id as aggregators see it. */
    private record SeriesRef(Group group, long seriesId) {}

    /** One rule definition's groups and series-to-group cache. */
    private static final class RuleGroups {
        final CompiledRule rule;

        /** By the group's 64-bit series hash (name + labels), as the input series are. */
        /** In order of first arrival, so groups reach the group stage (and its admission) so. */
        final Map<Long, Group> byKey = new LinkedHashMap<>();

        final LongObjectHashMap<SeriesRef> bySeries = new LongObjectHashMap<>();

        RuleGroups(CompiledRule rule) {
            this.rule = rule;
        }
    }

    public PartialCombiner(int maxCachedSeries, int maxOpenWindows) {
        this.maxCachedSeries = maxCachedSeries;
        this.maxOpenWindows = maxOpenWindows;
    }

    /**
     * Adds one applied sample of the input series {@code series} (drop_input_labels already
     * applied) to its group's window.
     *
     * @param delta the counter delta, or null (no counter output, or out of order for counters)
     */
    public void add(
            CompiledRule c,
            Sample series,
            long ts,
            double value,
            CounterDelta delta,
            Consumer<SeriesPartial> out) {
        RuleGroups rg = rules(c);
        long hash = series.seriesHash();
        SeriesRef ref = rg.bySeries.get(hash);
        if (ref == null) {
            if (cachedSeries >= maxCachedSeries) {
                dropSeriesCache();
            }
            String metric = c.namer().groupMetric(series.name());
            ref =
                    new SeriesRef(
                            group(rg, metric, groupLabels(c, series.labels())), seriesId(series));
            rg.bySeries.put(hash, ref);
            cachedSeries++;
        }
        addTo(rg, ref.group(), ts, value, delta, ref.seriesId(), out);
    }

    /**
     * The id count_series and the rates tell series apart by: the reference evaluator's, from the
     * selector form (computed once per cached series, the cache is keyed by the cheaper hash).
     */
    public static long seriesId(Sample series) {
        return SeriesIds.of(series.seriesId());
    }

    /** As {@link #add}, for a sample whose group is known (state restored from release 0.1). */
    public void addToGroup(
            CompiledRule c,
            String groupMetric,
            Labels groupLabels,
            long seriesId,
            long ts,
            double value,
            CounterDelta delta,
            Consumer<SeriesPartial> out) {
        RuleGroups rg = rules(c);
        addTo(rg, group(rg, groupMetric, groupLabels), ts, value, delta, seriesId, out);
    }

    private RuleGroups rules(CompiledRule c) {
        RuleGroups rg = rules.get(c);
        if (rg == null) {
            rg = new RuleGroups(c);
            rules.put(c, rg);
        }
        return rg;
    }

    /** The labels the group keeps; input labels are sorted, so no re-sorting. */
    private static Labels groupLabels(CompiledRule c, Labels input) {
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < input.size(); i++) {
            if (c.namer().keepsLabel(input.name(i))) {
                b.set(input.name(i), input.value(i));
            }
        }
        return b.build();
    }

    private static Group group(RuleGroups rg, String metric, Labels labels) {
        // the same stable 64-bit hash as input series: collisions are as negligible
        long key = Sample.of(metric, labels, 0, 0).seriesHash();
        return rg.byKey.computeIfAbsent(key, k -> new Group(metric, labels));
    }

    private void addTo(
            RuleGroups rg,
            Group g,
            long ts,
            double value,
            CounterDelta delta,
            long seriesId,
            Consumer<SeriesPartial> out) {
        CompiledRule c = rg.rule;
        long end = WindowSteps.windowEnd(ts, c.intervalMs());
        Open open = g.last != null && g.lastEnd == end ? g.last : g.windows.get(end);
        if (open == null) {
            if (openWindows >= maxOpenWindows) {
                flushAll(out); // partials merge downstream: sending early only costs a merge
            }
            open = new Open(WindowSteps.newAggregators(c.rule().outputs()));
            g.windows.put(end, open);
            openWindows++;
            earliestClose = Math.min(earliestClose, end + c.delayMs());
        }
        g.lastEnd = end;
        g.last = open;
        WindowSteps.feed(c.rule().outputs(), seriesId, ts, value, delta, open.aggregators);
        open.lastTimestampMs = Math.max(open.lastTimestampMs, ts);
    }

    /** Sends every window whose close (end + delay) is at or before {@code watermark}. */
    public void flush(long watermark, Consumer<SeriesPartial> out) {
        if (watermark < earliestClose) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (RuleGroups rg : rules.values()) {
            long delay = rg.rule.delayMs();
            for (Group g : rg.byKey.values()) {
                for (Iterator<Map.Entry<Long, Open>> it = g.windows.entrySet().iterator();
                        it.hasNext(); ) {
                    Map.Entry<Long, Open> w = it.next();
                    long close = w.getKey() + delay;
                    if (close <= watermark) {
                        out.accept(partial(rg, g, w.getKey(), w.getValue()));
                        it.remove();
                        if (g.last == w.getValue()) {
                            g.last = null;
                        }
                        openWindows--;
                    } else {
                        next = Math.min(next, close);
                    }
                }
            }
        }
        earliestClose = next;
    }

    /** Sends every open window (before a checkpoint barrier: the combiner keeps no state). */
    public void flushAll(Consumer<SeriesPartial> out) {
        for (RuleGroups rg : rules.values()) {
            for (Group g : rg.byKey.values()) {
                for (Map.Entry<Long, Open> w : g.windows.entrySet()) {
                    out.accept(partial(rg, g, w.getKey(), w.getValue()));
                }
                g.windows.clear();
                g.last = null;
            }
        }
        openWindows = 0;
        earliestClose = Long.MAX_VALUE;
    }

    private static SeriesPartial partial(RuleGroups rg, Group g, long end, Open open) {
        return new SeriesPartial(
                rg.rule.rule().name(),
                rg.rule.fingerprint(),
                g.metric,
                g.labels,
                end,
                open.lastTimestampMs,
                open.aggregators);
    }

    /** Drops what it holds for a rule definition whose windows have all closed. */
    public void forget(CompiledRule rule) {
        RuleGroups rg = rules.remove(rule);
        if (rg != null) {
            forget(rg);
        }
    }

    private void forget(RuleGroups rg) {
        for (Group g : rg.byKey.values()) {
            openWindows -= g.windows.size();
        }
        cachedSeries -= rg.bySeries.size();
    }

    private void dropSeriesCache() {
        List<CompiledRule> empty = new ArrayList<>();
        for (Map.Entry<CompiledRule, RuleGroups> e : rules.entrySet()) {
            RuleGroups rg = e.getValue();
            rg.bySeries.clear();
            rg.byKey.values().removeIf(g -> g.windows.isEmpty());
            if (rg.byKey.isEmpty()) {
                empty.add(e.getKey());
            }
        }
        empty.forEach(rules::remove);
        cachedSeries = 0;
    }

    /** Open (group, window) entries, for tests and metrics. */
    public int openWindows() {
        return openWindows;
    }

    /** Series whose group is cached. */
    public int cachedSeries() {
        return cachedSeries;
    }
}
