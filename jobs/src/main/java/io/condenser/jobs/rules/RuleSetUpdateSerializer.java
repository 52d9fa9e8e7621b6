package io.condenser.jobs.rules;

import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializer for {@link RuleSetUpdate} in streams and broadcast state. Every record starts with a
 * layout version byte, so a future layout can still read what this one wrote.
 *
 * <p>Layout version 1: version (long), origin, file count (int), then name and text per file.
 */
public final class RuleSetUpdateSerializer extends TypeSerializerSingleton<RuleSetUpdate> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final RuleSetUpdateSerializer INSTANCE = new RuleSetUpdateSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public RuleSetUpdate createInstance() {
        return new RuleSetUpdate(0, "", new TreeMap<>());
    }

    @Override
    public RuleSetUpdate copy(RuleSetUpdate from) {
        return from;
    }

    @Override
    public RuleSetUpdate copy(RuleSetUpdate from, RuleSetUpdate reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RuleSetUpdate u, DataOutputView out) throws IOException {
        out.writeByte(CURRENT_VERSION);
        out.writeLong(u.version());
        StringValue.writeString(u.origin(), out);
        out.writeInt(u.files().size());
        for (var e : u.files().entrySet()) {
            StringValue.writeString(e.getKey(), out);
            StringValue.writeString(e.getValue(), out);
        }
    }

    @Override
    public RuleSetUpdate deserialize(DataInputView in) throws IOException {
        int layout = in.readUnsignedByte();
        switch (layout) {
            case VERSION_1:
                long version = in.readLong();
                String origin = StringValue.readString(in);
                int n = in.readInt();
                if (n < 0) {
                    throw new IOException("corrupt RuleSetUpdate: negative file count " + n);
                }
                SortedMap<String, String> files = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    files.put(StringValue.readString(in), StringValue.readString(in));
                }
                return new RuleSetUpdate(version, origin, files);
            default:
                throw new IOException("unknown RuleSetUpdate layout version " + layout);
        }
    }

    @Override
    public RuleSetUpdate deserialize(RuleSetUpdate reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<RuleSetUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout version travels in every record; the snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RuleSetUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
