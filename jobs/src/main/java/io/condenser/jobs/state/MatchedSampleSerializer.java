package io.condenser.jobs.state;

import io.condenser.connectors.model.SampleSerializer;
import io.condenser.connectors.util.SerializerTypeInfo;
import io.condenser.model.Sample;
import io.condenser.rules.engine.MatchedSample;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link MatchedSample} between the match and the series stage, and parked in the series stage's
 * state. Layout version 1 (unchanged since release 0.1): version byte, rule, fingerprint, then the
 * sample in the layout of the nested {@link SampleSerializer}, whose version the snapshot records.
 */
public final class MatchedSampleSerializer extends TypeSerializer<MatchedSample> {

    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;

    public static final MatchedSampleSerializer INSTANCE =
            new MatchedSampleSerializer(SampleSerializer.INSTANCE);

    public static final TypeInformation<MatchedSample> TYPE_INFO =
            new SerializerTypeInfo<>(MatchedSample.class, INSTANCE);

    private final TypeSerializer<Sample> samples;

    MatchedSampleSerializer(TypeSerializer<Sample> samples) {
        this.samples = samples;
    }

    /** Reads what releases 0.1 and 0.2 wrote (see {@link LegacySnapshots}). */
    public static MatchedSampleSerializer legacy() {
        return LegacySnapshots.matchedSamples();
    }

    @Override
    public void serialize(MatchedSample m, DataOutputView out) throws IOException {
        out.writeByte(VERSION_1);
        StringValue.writeString(m.rule(), out);
        out.writeInt(m.fingerprint());
        samples.serialize(m.sample(), out);
    }

    @Override
    public MatchedSample deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw new IOException("unknown MatchedSample layout version " + version);
        }
        return new MatchedSample(StringValue.readString(in), in.readInt(), samples.deserialize(in));
    }

    @Override
    public MatchedSample deserialize(MatchedSample reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<MatchedSample> duplicate() {
        return this;
    }

    @Override
    public MatchedSample createInstance() {
        return null;
    }

    @Override
    public MatchedSample copy(MatchedSample from) {
        return from;
    }

    @Override
    public MatchedSample copy(MatchedSample from, MatchedSample reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchedSampleSerializer
                && ((MatchedSampleSerializer) o).samples.equals(samples);
    }

    @Override
    public int hashCode() {
        return samples.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<MatchedSample> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** Records the nested sample layout, so a later Sample layout does not misread this one. */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<MatchedSample, MatchedSampleSerializer> {

        private static final int OUTER_VERSION = 1;

        public Snapshot() {}

        Snapshot(MatchedSampleSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return OUTER_VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(MatchedSampleSerializer outer) {
            return new TypeSerializer<?>[] {outer.samples};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected MatchedSampleSerializer createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new MatchedSampleSerializer((TypeSerializer<Sample>) nested[0]);
        }

        @Override
        public TypeSerializerSchemaCompatibility<MatchedSample> resolveSchemaCompatibility(
                TypeSerializerSnapshot<MatchedSample> old) {
            return old instanceof io.condenser.jobs.model.MatchedSample.Snapshot
                    ? LegacySnapshots.<MatchedSample>compatibility()
                    : super.resolveSchemaCompatibility(old);
        }
    }
}
