package io.condenser.jobs.state;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateSerializer;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.engine.GroupState;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.SeriesState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;

/**
 * Every state descriptor of the pipeline, in one place: names are part of the savepoint format
 * (renaming one loses that state on restore).
 */
public final class StateDescriptors {

    private StateDescriptors() {}

    /** Broadcast state key under which releases 0.1 and 0.2 kept the one rule set in force. */
    public static final String CURRENT_RULES = "current";

    /**
     * Broadcast state keys of the rule sets in force (the newest and the older ones whose windows
     * are still closing), {@code live/} + zero-padded sequence number, oldest first.
     */
    public static final String LIVE_RULES_PREFIX = "live/";

    /**
     * Broadcast state of every rule-aware operator: the rule sets in force with their effective
     * times, as their texts ({@link #LIVE_RULES_PREFIX}; 0.2: {@link #CURRENT_RULES}). Texts, not
     * parsed rules: they serialize trivially and every release can read them.
     */
    public static MapStateDescriptor<String, RuleSetUpdate> rules() {
        return new MapStateDescriptor<>(
                "rules", StringSerializer.INSTANCE, RuleSetUpdateSerializer.INSTANCE);
    }

    /** Per (rule, input series): definition, feed (dedup, tracker), expiry timer. */
    public static ValueStateDescriptor<SeriesState> series() {
        return new ValueStateDescriptor<>("series", SeriesStateSerializer.INSTANCE);
    }

    /**
     * Per (rule, input series): samples of windows not yet closed, timestamp to raw value bits (raw
     * bits keep Prometheus' StaleNaN distinct from NaN).
     */
    public static MapStateDescriptor<Long, Long> pendingSamples() {
        return new MapStateDescriptor<>(
                "pending-samples", LongSerializer.INSTANCE, LongSerializer.INSTANCE);
    }

    /** Per (rule, output group): definition, name, labels, carry, emitted series, hand-over. */
    public static ValueStateDescriptor<GroupState> group() {
        return new ValueStateDescriptor<>("group", GroupStateSerializer.INSTANCE);
    }

    /**
     * Per (rule, output group): window end to the merged partials of that window. A window's end
     * tells which definition of the rule it belongs to ({@code RuleTimeline}): definitions never
     * share a window end.
     */
    public static MapStateDescriptor<Long, Aggregator[]> groupWindows() {
        return new MapStateDescriptor<>(
                "group-windows", LongSerializer.INSTANCE, AggregatorsSerializer.INSTANCE);
    }

    /**
     * Per key: elements that arrived before this operator knew their rule definition (the rule
     * update travels on another channel), kept until event time reaches them.
     */
    public static ListStateDescriptor<MatchedSample> parkedSamples() {
        return new ListStateDescriptor<>("parked-samples", MatchedSampleSerializer.INSTANCE);
    }

    /** As {@link #parkedSamples()}, in the group stage. */
    public static ListStateDescriptor<SeriesPartial> parkedPartials() {
        return new ListStateDescriptor<>("parked-partials", SeriesPartialSerializer.INSTANCE);
    }

    /**
     * Per key: the watermark when the oldest parked element arrived (its lateness is judged there).
     */
    public static ValueStateDescriptor<Long> parkedSince() {
        return new ValueStateDescriptor<>("parked-since", LongSerializer.INSTANCE);
    }

    /**
     * Match stage, operator list state: samples that arrived before the first rule set, in order.
     */
    public static ListStateDescriptor<Sample> samplesBeforeRules() {
        return new ListStateDescriptor<>("samples-before-rules", SampleTypeInfo.INSTANCE);
    }

    /**
     * Match stage, operator union list state: the highest watermark each subtask saw (see {@code
     * RestoredWatermark}).
     */
    public static ListStateDescriptor<Long> restoredWatermark() {
        return new ListStateDescriptor<>("restored-watermark", LongSerializer.INSTANCE);
    }
}
