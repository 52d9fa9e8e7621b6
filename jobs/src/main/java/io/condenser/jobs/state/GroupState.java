package io.condenser.jobs.state;

import io.condenser.model.Labels;
import io.condenser.rules.aggregate.Aggregator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Per (rule, output group) state besides the windows being filled: the group's name and labels,
 * when it last got a sample, the carried aggregators of cumulative outputs, and the output series
 * it has emitted (each gets a staleness marker when the group goes away).
 */
public final class GroupState {

    /** An output series this group has emitted. */
    public record Emitted(String name, Labels labels) {}

    public int fingerprint;
    public String metric;
    public Labels labels;
    public long lastSeenMs = Long.MIN_VALUE;

    /** The end of the last window this group emitted, Long.MIN_VALUE before the first. */
    public long lastEmittedEnd = Long.MIN_VALUE;

    public Aggregator[] carry;
    public List<Emitted> emitted = new ArrayList<>();

    /** Layout version 1: the fields in declaration order. */
    public static final class Serializer extends VersionedSerializer<GroupState> {
        private static final long serialVersionUID = 1L;
        public static final int VERSION_1 = 1;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected int currentVersion() {
            return VERSION_1;
        }

        @Override
        protected void write(GroupState g, DataOutputView out) throws IOException {
            out.writeInt(g.fingerprint);
            StringValue.writeString(g.metric, out);
            StateIo.writeLabels(g.labels, out);
            out.writeLong(g.lastSeenMs);
            out.writeLong(g.lastEmittedEnd);
            StateIo.writeAggregators(g.carry, out);
            out.writeInt(g.emitted.size());
            for (Emitted e : g.emitted) {
                StringValue.writeString(e.name(), out);
                StateIo.writeLabels(e.labels(), out);
            }
        }

        @Override
        protected GroupState read(int version, DataInputView in) throws IOException {
            if (version != VERSION_1) {
                throw unknownVersion(version);
            }
            GroupState g = new GroupState();
            g.fingerprint = in.readInt();
            g.metric = StringValue.readString(in);
            g.labels = StateIo.readLabels(in);
            g.lastSeenMs = in.readLong();
            g.lastEmittedEnd = in.readLong();
            g.carry = StateIo.readAggregators(in);
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt group state: negative emitted count " + n);
            }
            for (int i = 0; i < n; i++) {
                g.emitted.add(new Emitted(StringValue.readString(in), StateIo.readLabels(in)));
            }
            return g;
        }

        @Override
        public TypeSerializerSnapshot<GroupState> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GroupState> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
