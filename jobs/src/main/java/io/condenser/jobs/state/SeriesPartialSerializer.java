package io.condenser.jobs.state;

import io.condenser.connectors.util.SerializerTypeInfo;
import io.condenser.rules.engine.SeriesPartial;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link SeriesPartial} between the pre-aggregating stages and the group stage, and parked in the
 * group stage's state. Layout version 1 (unchanged since release 0.1): the fields in record order,
 * labels and aggregators in their own versioned codecs ({@link StateIo}).
 */
public final class SeriesPartialSerializer extends VersionedSerializer<SeriesPartial> {

    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final SeriesPartialSerializer INSTANCE = new SeriesPartialSerializer();

    public static final TypeInformation<SeriesPartial> TYPE_INFO =
            new SerializerTypeInfo<>(SeriesPartial.class, INSTANCE);

    @Override
    protected int currentVersion() {
        return VERSION_1;
    }

    @Override
    protected void write(SeriesPartial p, DataOutputView out) throws IOException {
        StringValue.writeString(p.rule(), out);
        out.writeInt(p.fingerprint());
        StringValue.writeString(p.groupMetric(), out);
        StateIo.writeLabels(p.groupLabels(), out);
        out.writeLong(p.windowEnd());
        out.writeLong(p.lastTimestampMs());
        StateIo.writeAggregators(p.aggregators(), out);
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

    /**
     * No nested serializers: labels and aggregators carry their own layout versions. A simple
     * snapshot accepts the release 0.1/0.2 one ({@code io.condenser.jobs.model.SeriesPartial}) as
     * it restores this same serializer class.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesPartial> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
