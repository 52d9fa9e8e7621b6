package io.condenser.connectors.remotewrite.commit;

import io.condenser.connectors.model.SampleSerializer;
import io.condenser.model.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;

/**
 * Versioned bytes of {@link RemoteWriteCommittable}.
 *
 * <p>Version 1: sample count (int), then each sample in {@link SampleSerializer}'s layout (version
 * 1 of that layout; a change there needs a version 2 here).
 */
public final class RemoteWriteCommittableSerializer
        implements SimpleVersionedSerializer<RemoteWriteCommittable> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final RemoteWriteCommittableSerializer INSTANCE =
            new RemoteWriteCommittableSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(RemoteWriteCommittable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputViewStreamWrapper out = new DataOutputViewStreamWrapper(bytes);
        out.writeInt(committable.samples().size());
        for (Sample s : committable.samples()) {
            SampleSerializer.INSTANCE.serialize(s, out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public RemoteWriteCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "unknown remote-write committable version "
                            + version
                            + " (this build reads up to "
                            + CURRENT_VERSION
                            + ")");
        }
        DataInputViewStreamWrapper in =
                new DataInputViewStreamWrapper(new ByteArrayInputStream(serialized));
        int n = in.readInt();
        if (n < 0 || n > serialized.length) {
            throw new IOException("corrupt remote-write committable: count " + n);
        }
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(SampleSerializer.INSTANCE.deserialize(in));
        }
        return new RemoteWriteCommittable(samples);
    }
}
