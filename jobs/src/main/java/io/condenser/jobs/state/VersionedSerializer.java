package io.condenser.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the pipeline's serializers: every record starts with its layout version byte, read back
 * with a switch in {@link #read}; an unknown version is an {@link IOException}. Values are mutable,
 * so {@link #copy} is a serialize/deserialize round trip (only the heap backend ever copies; the
 * job runs on RocksDB).
 */
public abstract class VersionedSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    /** The layout version written now. */
    protected abstract int currentVersion();

    /** Writes the fields (the version byte is already written). */
    protected abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads the fields of a record written with layout {@code version}. */
    protected abstract T read(int version, DataInputView in) throws IOException;

    protected final IOException unknownVersion(int version) {
        return new IOException(
                "unknown " + getClass().getSimpleName() + " layout version " + version);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copy of " + from.getClass().getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView out) throws IOException {
        out.writeByte(currentVersion());
        write(record, out);
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        return read(in.readUnsignedByte(), in);
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }
}
