package io.condenser.jobs.state;

import io.condenser.connectors.model.SampleSerializer;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.engine.SeriesFeed;
import io.condenser.rules.engine.SeriesState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Per (rule, input series) state. Layout version 2 (releases 0.2, 0.3): version byte, fingerprint,
 * expiry timer, {@link SeriesFeed} (its own versioned layout), held-sample flag and the sample in
 * the nested {@link SampleSerializer}'s layout, which the snapshot records. Layout 1 (release 0.1):
 * fingerprint, last timestamp, closed-up-to, group metric and labels, tracker; read into a {@link
 * Release01SeriesState} for migration.
 */
public final class SeriesStateSerializer extends TypeSerializer<SeriesState> {

    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;

    public static final SeriesStateSerializer INSTANCE =
            new SeriesStateSerializer(SampleSerializer.INSTANCE);

    private final TypeSerializer<Sample> samples;

    SeriesStateSerializer(TypeSerializer<Sample> samples) {
        this.samples = samples;
    }

    @Override
    public void serialize(SeriesState s, DataOutputView out) throws IOException {
        out.writeByte(VERSION_2);
        out.writeInt(s.fingerprint);
        out.writeLong(s.expiryTimerMs);
        s.feed.write(out);
        out.writeBoolean(s.heldSample != null);
        if (s.heldSample != null) {
            samples.serialize(s.heldSample, out);
        }
    }

    @Override
    public SeriesState deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        switch (version) {
            case VERSION_1 -> {
                int fingerprint = in.readInt();
                long lastTimestampMs = in.readLong();
                in.readLong(); // closed-up-to: the restored watermark judges lateness now
                String metric = StringValue.readString(in);
                Release01SeriesState s = new Release01SeriesState(metric, StateIo.readLabels(in));
                s.fingerprint = fingerprint;
                s.feed = SeriesFeed.continuing(CounterTracker.read(in), lastTimestampMs);
                return s;
            }
            case VERSION_2 -> {
                SeriesState s = new SeriesState(in.readInt());
                s.expiryTimerMs = in.readLong();
                s.feed = SeriesFeed.read(in);
                if (in.readBoolean()) {
                    s.heldSample = samples.deserialize(in);
                }
                return s;
            }
            default -> throw new IOException("unknown SeriesState layout version " + version);
        }
    }

    @Override
    public SeriesState deserialize(SeriesState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SeriesState> duplicate() {
        return this;
    }

    @Override
    public SeriesState createInstance() {
        return null;
    }

    /** A round trip: only the heap backend copies, and the job runs on RocksDB. */
    @Override
    public SeriesState copy(SeriesState from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copy of a series state", e);
        }
    }

    @Override
    public SeriesState copy(SeriesState from, SeriesState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesStateSerializer
                && ((SeriesStateSerializer) o).samples.equals(samples);
    }

    @Override
    public int hashCode() {
        return 31 + samples.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SeriesState> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** Records the nested sample layout of held samples. */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<SeriesState, SeriesStateSerializer> {

        private static final int OUTER_VERSION = 1;

        public Snapshot() {}

        Snapshot(SeriesStateSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return OUTER_VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(SeriesStateSerializer outer) {
            return new TypeSerializer<?>[] {outer.samples};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected SeriesStateSerializer createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new SeriesStateSerializer((TypeSerializer<Sample>) nested[0]);
        }

        @Override
        public TypeSerializerSchemaCompatibility<SeriesState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SeriesState> old) {
            return old instanceof io.condenser.jobs.state.SeriesState.Snapshot
                    ? LegacySnapshots.<SeriesState>compatibility()
                    : super.resolveSchemaCompatibility(old);
        }
    }
}
