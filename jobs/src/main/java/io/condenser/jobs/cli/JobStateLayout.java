package io.condenser.jobs.cli;

import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.state.AggregatorsSerializer;
import io.condenser.jobs.state.GroupStateSerializer;
import io.condenser.jobs.state.SeriesStateSerializer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.engine.GroupState;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesFeed;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.SeriesState;
import io.condenser.rules.engine.WindowSteps;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.model.Rule;
import io.condenser.rules.preview.StateLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.CompositeKeySerializationUtils;

/**
 * The job's keyed state (docs/architecture.md, "Where state lives and how big it is"), sized by
 * serializing the job's own state objects with its own serializers: a {@link SeriesState} per
 * (rule, input series) for rules with counter outputs or {@code dedup_interval}, a {@link
 * GroupState} per (rule, output group), and per open window of a group its {@code group-windows}
 * entry. An entry is counted as RocksDB stores it: key-group prefix, serialized key (the key
 * strings the job builds), its length byte and the namespace byte, the map key for map state, and
 * the serialized value (with map state's null flag). RocksDB's own per-entry overhead, block
 * compression and the timers (one per series and staleness interval, one per group and window) are
 * not counted.
 */
final class JobStateLayout implements StateLayout {

    /** The serialized key's length prefix (a variable-length key) and the namespace byte. */
    private static final int KEY_FRAMING_BYTES = 2;

    private static final int MAP_KEY_BYTES = Long.BYTES;
    private static final int MAP_VALUE_NULL_FLAG_BYTES = 1;

    private final int keyGroupPrefixBytes;

    JobStateLayout(int maxParallelism) {
        this.keyGroupPrefixBytes =
                CompositeKeySerializationUtils.computeRequiredBytesInKeyGroupPrefix(maxParallelism);
    }

    JobStateLayout() {
        this(PipelineSettings.DEFAULT_MAX_PARALLELISM);
    }

    @Override
    public long seriesEntryBytes(Rule rule, String metricName, SortedMap<String, String> labels) {
        boolean anyCounter = WindowSteps.anyCounter(rule.outputs());
        boolean dedup = !rule.dedupInterval().isZero();
        if (!anyCounter && !dedup) {
            return 0; // gauge rules are pre-aggregated in the match stage: no per-series state
        }
        Sample sample = Sample.of(metricName, toLabels(labels), 0, 0);
        SeriesState state = new SeriesState();
        state.expiryTimerMs = 0;
        SeriesFeed.Params params =
                new SeriesFeed.Params(
                        rule.dedupInterval().toMillis(),
                        rule.stalenessInterval().toMillis(),
                        anyCounter);
        state.feed.accept(params, 0, 1, (ts, v, d) -> {});
        if (dedup) {
            state.heldSample = sample; // a series holds its slot's candidate most of the time
        }
        String key = new MatchedSample(rule.name(), 0, sample).seriesKey();
        return keyBytes(key) + valueBytes(SeriesStateSerializer.INSTANCE, state);
    }

    @Override
    public long groupEntryBytes(
            Rule rule,
            String groupMetric,
            SortedMap<String, String> groupLabels,
            Aggregator[] carry,
            List<OutputSample> emitted) {
        GroupState g = new GroupState();
        g.metric = groupMetric;
        g.labels = toLabels(groupLabels);
        g.carry = carry;
        for (OutputSample o : emitted) {
            Labels.Builder b = Labels.builder();
            for (Map.Entry<String, String> e : o.labels()) {
                b.set(e.getKey(), e.getValue());
            }
            g.emitted.add(new GroupState.Emitted(o.name(), b.build()));
        }
        return keyBytes(groupKey(rule, groupMetric, g.labels))
                + valueBytes(GroupStateSerializer.INSTANCE, g);
    }

    @Override
    public long windowEntryBytes(
            Rule rule,
            String groupMetric,
            SortedMap<String, String> groupLabels,
            Aggregator[] window) {
        return keyBytes(groupKey(rule, groupMetric, toLabels(groupLabels)))
                + MAP_KEY_BYTES
                + MAP_VALUE_NULL_FLAG_BYTES
                + valueBytes(AggregatorsSerializer.INSTANCE, window);
    }

    /** The window being filled, plus those waiting for their {@code delay} to pass. */
    @Override
    public int openWindowsPerGroup(Rule rule) {
        long interval = rule.interval().toMillis();
        return 1 + (int) ((rule.delay().toMillis() + interval - 1) / interval);
    }

    private static String groupKey(Rule rule, String groupMetric, Labels labels) {
        return SeriesPartial.groupKey(rule.name(), groupMetric, labels);
    }

    private long keyBytes(String key) {
        return keyGroupPrefixBytes + valueBytes(StringSerializer.INSTANCE, key) + KEY_FRAMING_BYTES;
    }

    private static <T> long valueBytes(TypeSerializer<T> serializer, T value) {
        DataOutputSerializer out = new DataOutputSerializer(256);
        try {
            serializer.serialize(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.length();
    }

    private static Labels toLabels(SortedMap<String, String> labels) {
        return Labels.fromMap(labels);
    }
}
