package io.condenser.jobs.state;

import io.condenser.rules.engine.GroupState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Per (rule, output group) state. Layout version 2 (release 0.3): fingerprint, metric, labels, last
 * seen, last emitted end, carry, emitted series; then the hand-over fields: inherited series, the
 * per-window last sample timestamps, awaiting-successor flag. Layout 1 (releases 0.1, 0.2): the
 * fields before the hand-over ones; still read.
 */
public final class GroupStateSerializer extends VersionedSerializer<GroupState> {

    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final GroupStateSerializer INSTANCE = new GroupStateSerializer();

    /** Refuses corrupt counts before allocating. */
    private static final int MAX_ENTRIES = 1 << 24;

    @Override
    protected int currentVersion() {
        return VERSION_2;
    }

    @Override
    protected void write(GroupState g, DataOutputView out) throws IOException {
        out.writeInt(g.fingerprint);
        StringValue.writeString(g.metric, out);
        StateIo.writeLabels(g.labels, out);
        out.writeLong(g.lastSeenMs);
        out.writeLong(g.lastEmittedEnd);
        StateIo.writeAggregators(g.carry, out);
        writeEmitted(g.emitted, out);
        writeEmitted(g.inherited, out);
        out.writeInt(g.windowLastSeen.size());
        for (Map.Entry<Long, Long> e : g.windowLastSeen.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeBoolean(g.awaitingSuccessor);
    }

    private static void writeEmitted(List<GroupState.Emitted> emitted, DataOutputView out)
            throws IOException {
        out.writeInt(emitted.size());
        for (GroupState.Emitted e : emitted) {
            StringValue.writeString(e.name(), out);
            StateIo.writeLabels(e.labels(), out);
        }
    }

    @Override
    protected GroupState read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw unknownVersion(version);
        }
        GroupState g = new GroupState();
        g.fingerprint = in.readInt();
        g.metric = StringValue.readString(in);
        g.labels = StateIo.readLabels(in);
        g.lastSeenMs = in.readLong();
        g.lastEmittedEnd = in.readLong();
        g.carry = StateIo.readAggregators(in);
        g.emitted = readEmitted(in);
        if (version == VERSION_2) {
            g.inherited = readEmitted(in);
            int n = count(in);
            for (int i = 0; i < n; i++) {
                g.windowLastSeen.put(in.readLong(), in.readLong());
            }
            g.awaitingSuccessor = in.readBoolean();
        }
        return g;
    }

    private static List<GroupState.Emitted> readEmitted(DataInputView in) throws IOException {
        int n = count(in);
        List<GroupState.Emitted> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new GroupState.Emitted(StringValue.readString(in), StateIo.readLabels(in)));
        }
        return out;
    }

    private static int count(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ENTRIES) {
            throw new IOException("corrupt group state: count " + n);
        }
        return n;
    }

    @Override
    public TypeSerializerSnapshot<GroupState> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * No nested serializers (labels and aggregators carry their own layout versions). A simple
     * snapshot accepts the release 0.1/0.2 one ({@code io.condenser.jobs.state.GroupState}) as it
     * restores this same serializer class.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
