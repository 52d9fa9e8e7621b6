package io.condenser.connectors.direct.split;

import io.condenser.connectors.direct.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: protocol id (UTF), subtask (int). */
public final class ListenerSplitSerializer implements SimpleVersionedSerializer<ListenerSplit> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final ListenerSplitSerializer INSTANCE = new ListenerSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(ListenerSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.protocol().id());
            out.writeInt(split.subtask());
        }
        return bytes.toByteArray();
    }

    @Override
    public ListenerSplit deserialize(int version, byte[] serialized) throws IOException {
        switch (version) {
            case VERSION_1:
                try (DataInputStream in =
                        new DataInputStream(new java.io.ByteArrayInputStream(serialized))) {
                    return readV1(in);
                }
            default:
                throw new IOException(
                        "unknown ListenerSplit serializer version "
                                + version
                                + " (this build reads up to "
                                + CURRENT_VERSION
                                + ")");
        }
    }

    private static ListenerSplit readV1(DataInputStream in) throws IOException {
        String protocol = in.readUTF();
        int subtask = in.readInt();
        try {
            return new ListenerSplit(Protocol.fromId(protocol), subtask);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad ListenerSplit: " + e.getMessage(), e);
        }
    }
}
