package io.condenser.jobs.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
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
 * <p>Layout version 3: version (long), origin, effective time (long), file count (int), then per
 * file its name, the text's UTF-8 length and its DEFLATE-compressed bytes (length-prefixed). Every
 * subtask of every rule-aware operator keeps its own copy of the rule sets in force in broadcast
 * state, so a checkpoint holds them 3 × parallelism times; rule YAML compresses about tenfold.
 * Layout 2 (release 0.2): the same without the effective time (read as "at once"); layout 1
 * (release 0.1): as 2 with the text as a plain string. Both still read.
 */
public final class RuleSetUpdateSerializer extends TypeSerializerSingleton<RuleSetUpdate> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int VERSION_3 = 3;
    public static final int CURRENT_VERSION = VERSION_3;

    /** Refuses corrupt lengths before allocating: no rule file is anywhere near this. */
    private static final int MAX_TEXT_BYTES = 256 << 20;

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
        out.writeLong(u.effectiveFromMs());
        out.writeInt(u.files().size());
        for (var e : u.files().entrySet()) {
            StringValue.writeString(e.getKey(), out);
            byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] packed = deflate(text);
            out.writeInt(text.length);
            out.writeInt(packed.length);
            out.write(packed);
        }
    }

    private static byte[] deflate(byte[] text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(text);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 4 + 16);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String inflate(byte[] packed, int length) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            byte[] text = new byte[length];
            int n = 0;
            while (n < length && !inflater.finished()) {
                int k = inflater.inflate(text, n, length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != length || !inflater.finished()) {
                throw new IOException("corrupt RuleSetUpdate: rule text does not inflate");
            }
            return new String(text, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IOException("corrupt RuleSetUpdate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    @Override
    public RuleSetUpdate deserialize(DataInputView in) throws IOException {
        int layout = in.readUnsignedByte();
        if (layout < VERSION_1 || layout > VERSION_3) {
            throw new IOException("unknown RuleSetUpdate layout version " + layout);
        }
        long version = in.readLong();
        String origin = StringValue.readString(in);
        long effectiveFromMs = layout >= VERSION_3 ? in.readLong() : RuleSetUpdate.AT_ONCE;
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt RuleSetUpdate: negative file count " + n);
        }
        SortedMap<String, String> files = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String name = StringValue.readString(in);
            files.put(name, layout == VERSION_1 ? StringValue.readString(in) : readPacked(in));
        }
        return new RuleSetUpdate(version, origin, files, effectiveFromMs);
    }

    private static String readPacked(DataInputView in) throws IOException {
        int length = in.readInt();
        int packedLength = in.readInt();
        if (length < 0
                || length > MAX_TEXT_BYTES
                || packedLength < 0
                || packedLength > length + 1024) {
            throw new IOException(
                    "corrupt RuleSetUpdate: text of " + length + " bytes in " + packedLength);
        }
        byte[] packed = new byte[packedLength];
        in.readFully(packed);
        return inflate(packed, length);
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
