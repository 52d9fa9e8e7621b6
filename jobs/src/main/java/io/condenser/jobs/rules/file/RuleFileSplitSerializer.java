package io.condenser.jobs.rules.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: path (UTF), version (long), digest (UTF). */
public final class RuleFileSplitSerializer implements SimpleVersionedSerializer<RuleFileSplit> {

    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    public static final RuleFileSplitSerializer INSTANCE = new RuleFileSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(RuleFileSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.path());
            out.writeLong(split.version());
            out.writeUTF(split.digest());
        }
        return bytes.toByteArray();
    }

    @Override
    public RuleFileSplit deserialize(int version, byte[] serialized) throws IOException {
        switch (version) {
            case VERSION_1:
                try (DataInputStream in =
                        new DataInputStream(new ByteArrayInputStream(serialized))) {
                    return new RuleFileSplit(in.readUTF(), in.readLong(), in.readUTF());
                }
            default:
                throw new IOException("unknown RuleFileSplit serializer version " + version);
        }
    }
}
