package io.condenser.connectors.remotewrite.writer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Versioned bytes of {@link RemoteWriteWriterState}.
 *
 * <p>Version 1: count (int), then per series: hash (long), high-water mark (long), last write
 * wall-clock ms (long).
 */
public final class RemoteWriteWriterStateSerializer
        implements SimpleVersionedSerializer<RemoteWriteWriterState> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final RemoteWriteWriterStateSerializer INSTANCE =
            new RemoteWriteWriterStateSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(RemoteWriteWriterState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + state.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.size());
            for (int i = 0; i < state.size(); i++) {
                out.writeLong(state.seriesHash(i));
                out.writeLong(state.highWaterMark(i));
                out.writeLong(state.lastWriteMs(i));
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public RemoteWriteWriterState deserialize(int version, byte[] serialized) throws IOException {
        switch (version) {
            case VERSION_1:
                return readV1(serialized);
            default:
                throw new IOException(
                        "unknown remote-write writer state version "
                                + version
                                + " (this build reads up to "
                                + CURRENT_VERSION
                                + ")");
        }
    }

    private static RemoteWriteWriterState readV1(byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            if (n < 0 || (long) n * 24 > serialized.length) {
                throw new IOException("corrupt remote-write writer state: count " + n);
            }
            long[] hashes = new long[n];
            long[] marks = new long[n];
            long[] lastWrites = new long[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = in.readLong();
                marks[i] = in.readLong();
                lastWrites[i] = in.readLong();
            }
            return new RemoteWriteWriterState(hashes, marks, lastWrites);
        }
    }
}
