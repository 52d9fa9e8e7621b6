package io.condenser.rules.engine;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AggregatorInput;
import io.condenser.rules.aggregate.CounterDelta;
import io.condenser.rules.aggregate.ResultPoint;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.naming.OutputNamer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-window steps the stages share: creating and feeding a rule's aggregators, and emitting a
 * group's outputs when its window closes.
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
     * Folds one applied sample of one input series into a window's aggregators: gauge outputs get
     * the value, counter outputs the delta (none when {@code delta} is null: the sample was out of
     * order for counters).
     */
    public static void feed(
            List<OutputSpec> outputs,
            long seriesId,
            long ts,
            double value,
            CounterDelta delta,
            Aggregator[] aggs) {
        AggregatorInput gauge = null;
        AggregatorInput counter = null;
        for (int i = 0; i < aggs.length; i++) {
            if (!outputs.get(i).output().isCounter()) {
                if (gauge == null) {
                    gauge = AggregatorInput.sample(seriesId, ts, value);
                }
                aggs[i].add(gauge);
            } else if (delta != null) {
                if (counter == null) {
                    counter = AggregatorInput.delta(seriesId, ts, delta);
                }
                aggs[i].add(counter);
            }
        }
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
            Labels groupLabels,
            Aggregator[] carry,
            Aggregator[] window,
            long end,
            Consumer<Sample> out) {
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
                        Sample.of(
                                namer.metricName(groupMetric, spec.output(), p),
                                namer.labels(groupLabels, p),
                                end,
                                p.value()));
            }
        }
    }
}
