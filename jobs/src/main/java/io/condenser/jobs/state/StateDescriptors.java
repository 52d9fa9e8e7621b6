package io.condenser.jobs.state;

import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateSerializer;
import io.condenser.rules.aggregate.Aggregator;
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

    /** Broadcast state key of the rule set in force. */
    public static final String CURRENT_RULES = "current";

    /**
     * Broadcast state of every rule-aware operator: the rule set in force, as its texts ({@link
     * #CURRENT_RULES}). Texts, not parsed rules: they serialize trivially and every release can
     * read them.
     */
    public static MapStateDescriptor<String, RuleSetUpdate> rules() {
        return new MapStateDescriptor<>(
                "rules", StringSerializer.INSTANCE, RuleSetUpdateSerializer.INSTANCE);
    }

    /** Per (rule, input series): tracker, last timestamp, group. */
    public static ValueStateDescriptor<SeriesState> series() {
        return new ValueStateDescriptor<>("series", SeriesState.Serializer.INSTANCE);
    }

    /**
     * Per (rule, input series): samples of windows not yet closed, timestamp to raw value bits (raw
     * bits keep Prometheus' StaleNaN distinct from NaN).
     */
    public static MapStateDescriptor<Long, Long> pendingSamples() {
        return new MapStateDescriptor<>(
                "pending-samples", LongSerializer.INSTANCE, LongSerializer.INSTANCE);
    }

    /** Per (rule, output group): name, labels, carry, emitted series. */
    public static ValueStateDescriptor<GroupState> group() {
        return new ValueStateDescriptor<>("group", GroupState.Serializer.INSTANCE);
    }

    /** Per (rule, output group): window end to the merged partials of that window. */
    public static MapStateDescriptor<Long, Aggregator[]> groupWindows() {
        return new MapStateDescriptor<>(
                "group-windows", LongSerializer.INSTANCE, AggregatorsSerializer.INSTANCE);
    }

    /**
     * Per key: elements that arrived before this operator knew their rule definition (the rule
     * update travels on another channel), kept until event time reaches them.
     */
    public static ListStateDescriptor<MatchedSample> parkedSamples() {
        return new ListStateDescriptor<>("parked-samples", MatchedSample.Serializer.INSTANCE);
    }

    /** As {@link #parkedSamples()}, in the group stage. */
    public static ListStateDescriptor<SeriesPartial> parkedPartials() {
        return new ListStateDescriptor<>("parked-partials", SeriesPartial.Serializer.INSTANCE);
    }

    /**
     * Per key: the watermark when the oldest parked element arrived (its lateness is judged there).
     */
    public static ValueStateDescriptor<Long> parkedSince() {
        return new ValueStateDescriptor<>("parked-since", LongSerializer.INSTANCE);
    }

    /**
     * Match stage, operator union list state: the highest watermark each subtask saw (see {@code
     * RestoredWatermark}).
     */
    public static ListStateDescriptor<Long> restoredWatermark() {
        return new ListStateDescriptor<>("restored-watermark", LongSerializer.INSTANCE);
    }
}
