package io.condenser.connectors.model;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer for {@link Sample}, so samples never fall back to Kryo. The binary layout is
 * versioned by {@link SampleSerializerSnapshot}: a serializer restored from an older savepoint
 * reads that version's layout and writes the current one.
 *
 * <p>Layout (version 1): name, label count (int), label names and values alternating, timestamp
 * (long), value (double), stale flag (boolean). Strings use {@link StringValue}'s compact encoding.
 */
public final class SampleSerializer extends TypeSerializer<Sample> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final SampleSerializer INSTANCE = new SampleSerializer(CURRENT_VERSION);

    /** The layout this instance reads; it always writes {@link #CURRENT_VERSION}. */
    private final int readVersion;

    SampleSerializer(int readVersion) {
        if (readVersion < VERSION_1 || readVersion > CURRENT_VERSION) {
            throw new IllegalArgumentException("unknown Sample layout version " + readVersion);
        }
        this.readVersion = readVersion;
    }

    int readVersion() {
        return readVersion;
    }

    /** A serializer reading layout {@code version} (state written by an older release). */
    public static SampleSerializer forLayout(int version) {
        return version == CURRENT_VERSION ? INSTANCE : new SampleSerializer(version);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<Sample> duplicate() {
        return this;
    }

    @Override
    public Sample createInstance() {
        return Sample.of("", Labels.EMPTY, 0L, 0.0);
    }

    @Override
    public Sample copy(Sample from) {
        return from;
    }

    @Override
    public Sample copy(Sample from, Sample reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Sample s, DataOutputView out) throws IOException {
        StringValue.writeString(s.name(), out);
        Labels labels = s.labels();
        out.writeInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            StringValue.writeString(labels.name(i), out);
            StringValue.writeString(labels.value(i), out);
        }
        out.writeLong(s.timestampMs());
        out.writeDouble(s.value());
        out.writeBoolean(s.isStale());
    }

    @Override
    public Sample deserialize(DataInputView in) throws IOException {
        // One layout so far; a VERSION_2 adds a case here and keeps this one.
        switch (readVersion) {
            case VERSION_1:
                return readV1(in);
            default:
                throw new IOException("unknown Sample layout version " + readVersion);
        }
    }

    private static Sample readV1(DataInputView in) throws IOException {
        String name = StringValue.readString(in);
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt Sample: negative label count " + n);
        }
        String[] pairs = new String[2 * n];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = StringValue.readString(in);
        }
        long ts = in.readLong();
        double value = in.readDouble();
        boolean stale = in.readBoolean();
        Labels labels = Labels.trustedSorted(pairs);
        return stale ? Sample.staleMarker(name, labels, ts) : Sample.of(name, labels, ts, value);
    }

    @Override
    public Sample deserialize(Sample reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SampleSerializer
                && ((SampleSerializer) obj).readVersion == readVersion;
    }

    @Override
    public int hashCode() {
        return SampleSerializer.class.hashCode() + readVersion;
    }

    @Override
    public TypeSerializerSnapshot<Sample> snapshotConfiguration() {
        return new SampleSerializerSnapshot(CURRENT_VERSION);
    }
}
