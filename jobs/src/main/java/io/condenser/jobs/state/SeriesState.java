package io.condenser.jobs.state;

import io.condenser.connectors.model.Labels;
import io.condenser.rules.aggregate.CounterTracker;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Per (rule, input series) state besides the buffered samples: the counter tracker, the last
 * applied timestamp (for staleness) and the series' output group (computed once).
 */
public final class SeriesState {

    public CounterTracker tracker = new CounterTracker();
    public long lastTimestampMs = Long.MIN_VALUE;

    /**
     * Windows ending at or before this are closed for this series: a sample for them is late even
     * when the watermark says otherwise (watermarks start over after a restore).
     */
    public long closedUpTo = Long.MIN_VALUE;

    public int fingerprint;
    public String groupMetric;
    public Labels groupLabels;

    /**
     * Layout version 1: fingerprint, last timestamp, closed-up-to, group metric and labels,
     * tracker.
     */
    public static final class Serializer extends VersionedSerializer<SeriesState> {
        private static final long serialVersionUID = 1L;
        public static final int VERSION_1 = 1;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected int currentVersion() {
            return VERSION_1;
        }

        @Override
        protected void write(SeriesState s, DataOutputView out) throws IOException {
            out.writeInt(s.fingerprint);
            out.writeLong(s.lastTimestampMs);
            out.writeLong(s.closedUpTo);
            StringValue.writeString(s.groupMetric, out);
            StateIo.writeLabels(s.groupLabels, out);
            s.tracker.write(out);
        }

        @Override
        protected SeriesState read(int version, DataInputView in) throws IOException {
            if (version != VERSION_1) {
                throw unknownVersion(version);
            }
            SeriesState s = new SeriesState();
            s.fingerprint = in.readInt();
            s.lastTimestampMs = in.readLong();
            s.closedUpTo = in.readLong();
            s.groupMetric = StringValue.readString(in);
            s.groupLabels = StateIo.readLabels(in);
            s.tracker = CounterTracker.read(in);
            return s;
        }

        @Override
        public TypeSerializerSnapshot<SeriesState> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesState> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
