package io.condenser.rules.eval;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AggregatorInput;
import io.condenser.rules.aggregate.CounterDelta;
import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.aggregate.ResultPoint;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.naming.OutputNamer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The steps of a window close that {@link RuleEvaluator} runs in one place and the Flink job runs
 * split over two keyed stages (per input series, then per output group). Both call these, so the
 * two engines cannot drift apart.
 */
public final class WindowSteps {

    private WindowSteps() {}

    /** Window end (exclusive) of the tumbling window holding {@code ts}. */
    public static long windowEnd(long ts, long intervalMs) {
        return Math.floorDiv(ts, intervalMs) * intervalMs + intervalMs;
    }

    /** One new, empty aggregator per output of a rule, in rule order. */
    public static Aggregator[] newAggregators(List<OutputSpec> outputs) {
        Aggregator[] aggs = new Aggregator[outputs.size()];
        for (int i = 0; i < aggs.length; i++) {
            OutputSpec spec = outputs.get(i);
            aggs[i] = spec.output().newAggregator(spec.parameters());
        }
        return aggs;
    }

    /** The carried aggregators of an output group: cumulative outputs only, null elsewhere. */
    public static Aggregator[] newCarry(List<OutputSpec> outputs) {
        Aggregator[] carry = newAggregators(outputs);
        for (int i = 0; i < carry.length; i++) {
            if (!carry[i].cumulative()) {
                carry[i] = null;
            }
        }
        return carry;
    }

    /** Whether any output reads its input as a counter. */
    public static boolean anyCounter(List<OutputSpec> outputs) {
        return outputs.stream().anyMatch(s -> s.output().isCounter());
    }

    /**
     * {@code dedup_interval}: per slot {@code [k·dedup, (k+1)·dedup)} only the sample with the
     * greatest timestamp counts. Returns the kept entries in timestamp order (all of them when
     * {@code dedupMs <= 0}).
     */
    public static <V> List<Map.Entry<Long, V>> dedup(NavigableMap<Long, V> due, long dedupMs) {
        if (dedupMs <= 0) {
            return new ArrayList<>(due.entrySet());
        }
        // keep the greatest timestamp per slot: iterate in order and overwrite per slot
        TreeMap<Long, Map.Entry<Long, V>> bySlot = new TreeMap<>();
        for (Map.Entry<Long, V> e : due.entrySet()) {
            bySlot.put(Math.floorDiv(e.getKey(), dedupMs), e);
        }
        return new ArrayList<>(bySlot.values());
    }

    /**
     * Folds one sample of one input series into a window's aggregators: gauge outputs get the
     * value, counter outputs the delta the series' tracker computes.
     *
     * @return false when the counter tracker found the sample out of order (counter outputs skip
     *     it; gauge outputs still got it)
     */
    public static boolean feed(
            List<OutputSpec> outputs,
            boolean anyCounter,
            CounterTracker tracker,
            long seriesId,
            long ts,
            double value,
            Aggregator[] aggs) {
        AggregatorInput gauge = AggregatorInput.sample(seriesId, ts, value);
        AggregatorInput counter = null;
        boolean inOrder = true;
        if (anyCounter) {
            CounterDelta d = tracker.observe(ts, value);
            if (d == null) {
                inOrder = false;
            } else {
                counter = AggregatorInput.delta(seriesId, ts, d);
            }
        }
        for (int i = 0; i < aggs.length; i++) {
            if (!outputs.get(i).output().isCounter()) {
                aggs[i].add(gauge);
            } else if (counter != null) {
                aggs[i].add(counter);
            }
        }
        return inOrder;
    }

    /**
     * Emits one output group's samples for the window ending at {@code end}: cumulative outputs
     * merge the window into their carry and emit the carry; the others emit the window (an empty
     * one when the group had no samples).
     *
     * @param window the group's aggregators of this window, or null when it had no samples
     */
    public static void emit(
            OutputNamer namer,
            List<OutputSpec> outputs,
            String groupMetric,
            TreeMap<String, String> groupLabels,
            Aggregator[] carry,
            Aggregator[] window,
            long end,
            Consumer<OutputSample> out) {
        for (int i = 0; i < outputs.size(); i++) {
            OutputSpec spec = outputs.get(i);
            Aggregator state = window != null ? window[i] : null;
            List<ResultPoint> points;
            if (carry[i] != null) {
                if (state != null) {
                    carry[i].merge(state);
                }
                points = carry[i].result();
                carry[i].afterEmit();
            } else {
                if (state == null) {
                    state = spec.output().newAggregator(spec.parameters());
                }
                points = state.result();
            }
            for (ResultPoint p : points) {
                out.accept(
                        new OutputSample(
                                namer.metricName(groupMetric, spec.output(), p),
                                namer.labels(groupLabels, p),
                                end,
                                p.value(),
                                false));
            }
        }
    }
}
