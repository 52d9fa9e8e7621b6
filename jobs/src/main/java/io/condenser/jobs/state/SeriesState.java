package io.condenser.jobs.state;

import io.condenser.connectors.model.SampleSerializer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.eval.SeriesFeed;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Per (rule, input series) state: the rule definition it belongs to, the series' {@link SeriesFeed}
 * (dedup, staleness, counter tracker) and when its staleness timer fires. No group labels and no
 * samples: the group is recomputed from each arriving sample, which keeps this at a few dozen
 * bytes.
 */
public final class SeriesState {

    public int fingerprint;
    public SeriesFeed feed = new SeriesFeed();

    /** The staleness check timer registered for this series, Long.MIN_VALUE when none. */
    public long expiryTimerMs = Long.MIN_VALUE;

    /** With {@code dedup_interval}: the held sample, for its labels when a timer applies it. */
    public Sample heldSample;

    /**
     * Set when read from layout 1 (release 0.1), whose per-series stage buffered samples in the
     * {@code pending-samples} map until the window closed: those are applied on the first touch.
     */
    public transient boolean legacy;

    /** Layout 1 only: the output group the buffered samples belong to. */
    public transient String legacyGroupMetric;

    public transient Labels legacyGroupLabels;

    /**
     * Layout 2: fingerprint, expiry timer, feed, held sample flag (+ sample). Layout 1 (0.1):
     * fingerprint, last timestamp, closed-up-to, group metric and labels, tracker.
     */
    public static final class Serializer extends VersionedSerializer<SeriesState> {
        private static final long serialVersionUID = 1L;
        public static final int VERSION_1 = 1;
        public static final int VERSION_2 = 2;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected int currentVersion() {
            return VERSION_2;
        }

        @Override
        protected void write(SeriesState s, DataOutputView out) throws IOException {
            out.writeInt(s.fingerprint);
            out.writeLong(s.expiryTimerMs);
            s.feed.write(out);
            out.writeBoolean(s.heldSample != null);
            if (s.heldSample != null) {
                SampleSerializer.INSTANCE.serialize(s.heldSample, out);
            }
        }

        @Override
        protected SeriesState read(int version, DataInputView in) throws IOException {
            SeriesState s = new SeriesState();
            switch (version) {
                case VERSION_1 -> {
                    s.fingerprint = in.readInt();
                    long lastTimestampMs = in.readLong();
                    in.readLong(); // closed-up-to: the restored watermark now judges lateness
                    s.legacyGroupMetric = StringValue.readString(in);
                    s.legacyGroupLabels = StateIo.readLabels(in);
                    s.feed = SeriesFeed.continuing(CounterTracker.read(in), lastTimestampMs);
                    s.legacy = true;
                }
                case VERSION_2 -> {
                    s.fingerprint = in.readInt();
                    s.expiryTimerMs = in.readLong();
                    s.feed = SeriesFeed.read(in);
                    if (in.readBoolean()) {
                        s.heldSample = SampleSerializer.INSTANCE.deserialize(in);
                    }
                }
                default -> throw unknownVersion(version);
            }
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
