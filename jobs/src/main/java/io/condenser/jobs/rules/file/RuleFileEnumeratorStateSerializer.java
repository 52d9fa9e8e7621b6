package io.condenser.jobs.rules.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Version 1: a presence byte, then the split in {@link RuleFileSplitSerializer}'s current layout
 * (its version int, length int, bytes), so the two evolve independently.
 */
public final class RuleFileEnumeratorStateSerializer
        implements SimpleVersionedSerializer<RuleFileEnumeratorState> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(RuleFileEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            RuleFileSplit split = state.unassigned();
            out.writeBoolean(split != null);
            if (split != null) {
                byte[] b = RuleFileSplitSerializer.INSTANCE.serialize(split);
                out.writeInt(RuleFileSplitSerializer.INSTANCE.getVersion());
                out.writeInt(b.length);
                out.write(b);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public RuleFileEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("unknown RuleFileEnumeratorState serializer version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            if (!in.readBoolean()) {
                return new RuleFileEnumeratorState(null);
            }
            int splitVersion = in.readInt();
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return new RuleFileEnumeratorState(
                    RuleFileSplitSerializer.INSTANCE.deserialize(splitVersion, b));
        }
    }
}
