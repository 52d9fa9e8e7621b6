package io.condenser.jobs.model;

import io.condenser.connectors.util.SerializerTypeInfo;
import io.condenser.jobs.state.StateIo;
import io.condenser.jobs.state.VersionedSerializer;
import io.condenser.model.Labels;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.eval.OutputSample;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * One input series' share of one closed window: the rule's aggregators fed with that series'
 * samples of the window (counter outputs with its deltas). The per-group stage merges these; this
 * is the per-series pre-aggregation, one element per series and window however many samples.
 *
 * @param rule the rule's name
 * @param fingerprint the rule definition that produced it
 * @param groupMetric the output group's metric part ("" when the grouping drops the name)
 * @param groupLabels the output group's labels
 * @param windowEnd the window's end (exclusive), epoch ms
 * @param lastTimestampMs the greatest timestamp of the series' samples applied in the window
 * @param aggregators one per rule output, in rule order
 */
public record SeriesPartial(
        String rule,
        int fingerprint,
        String groupMetric,
        Labels groupLabels,
        long windowEnd,
        long lastTimestampMs,
        Aggregator[] aggregators) {

    public static final TypeInformation<SeriesPartial> TYPE_INFO =
            new SerializerTypeInfo<>(SeriesPartial.class, Serializer.INSTANCE);

    /** The per-group key: rule and output group in selector form. */
    public String groupKey() {
        return groupKey(rule, groupMetric, groupLabels);
    }

    public static String groupKey(String rule, String groupMetric, Labels groupLabels) {
        return rule
                + '\u0000'
                + OutputSample.format(
                        groupMetric,
                        groupLabels.toMap().entrySet().stream()
                                .map(e -> Map.entry(e.getKey(), e.getValue()))
                                .sorted(Map.Entry.comparingByKey())
                                .toList());
    }

    /** Layout version 1: the fields in record order, aggregators via AggregatorStates. */
    public static final class Serializer extends VersionedSerializer<SeriesPartial> {
        private static final long serialVersionUID = 1L;
        public static final int VERSION_1 = 1;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected int currentVersion() {
            return VERSION_1;
        }

        @Override
        protected void write(SeriesPartial p, DataOutputView out) throws IOException {
            StringValue.writeString(p.rule, out);
            out.writeInt(p.fingerprint);
            StringValue.writeString(p.groupMetric, out);
            StateIo.writeLabels(p.groupLabels, out);
            out.writeLong(p.windowEnd);
            out.writeLong(p.lastTimestampMs);
            StateIo.writeAggregators(p.aggregators, out);
        }

        @Override
        protected SeriesPartial read(int version, DataInputView in) throws IOException {
            if (version != VERSION_1) {
                throw unknownVersion(version);
            }
            return new SeriesPartial(
                    StringValue.readString(in),
                    in.readInt(),
                    StringValue.readString(in),
                    StateIo.readLabels(in),
                    in.readLong(),
                    in.readLong(),
                    StateIo.readAggregators(in));
        }

        @Override
        public TypeSerializerSnapshot<SeriesPartial> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesPartial> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
