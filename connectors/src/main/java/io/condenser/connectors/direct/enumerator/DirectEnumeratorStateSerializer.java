package io.condenser.connectors.direct.enumerator;

import io.condenser.connectors.direct.split.ListenerSplit;
import io.condenser.connectors.direct.split.ListenerSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Version 1: split serializer version (int), count (int), then per split its length-prefixed bytes.
 * Splits carry their own serializer version so the two can evolve apart.
 */
public final class DirectEnumeratorStateSerializer
        implements SimpleVersionedSerializer<DirectEnumeratorState> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private static final int MAX_SPLITS = 1 << 20;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(DirectEnumeratorState state) throws IOException {
        ListenerSplitSerializer splits = ListenerSplitSerializer.INSTANCE;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(splits.getVersion());
            out.writeInt(state.assigned().size());
            for (ListenerSplit split : state.assigned()) {
                byte[] b = splits.serialize(split);
                out.writeInt(b.length);
                out.write(b);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public DirectEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "unknown DirectEnumeratorState serializer version "
                            + version
                            + " (this build reads up to "
                            + CURRENT_VERSION
                            + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int splitVersion = in.readInt();
            int count = in.readInt();
            if (count < 0 || count > MAX_SPLITS) {
                throw new IOException("bad split count " + count);
            }
            Set<ListenerSplit> assigned = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                assigned.add(ListenerSplitSerializer.INSTANCE.deserialize(splitVersion, b));
            }
            return new DirectEnumeratorState(assigned);
        }
    }
}
