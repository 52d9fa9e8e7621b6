package io.condenser.jobs.model;

import io.condenser.connectors.model.SampleSerializer;
import io.condenser.connectors.util.SerializerTypeInfo;
import io.condenser.jobs.state.VersionedSerializer;
import io.condenser.model.Sample;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * One input sample matched to one rule, after the rule's {@code drop_input_labels}: the element
 * between the match stage and the per-series stage.
 *
 * @param rule the rule's name
 * @param fingerprint the rule definition it was matched under ({@code RuleFingerprint})
 * @param sample the sample, dropped labels removed
 */
public record MatchedSample(String rule, int fingerprint, Sample sample) {

    public static final TypeInformation<MatchedSample> TYPE_INFO =
            new SerializerTypeInfo<>(MatchedSample.class, Serializer.INSTANCE);

    /** The per-series key: rule and input series. */
    public String seriesKey() {
        return rule + '\u0000' + sample.seriesId();
    }

    /** Layout version 1: rule, fingerprint, then the sample in its own versioned layout. */
    public static final class Serializer extends VersionedSerializer<MatchedSample> {
        private static final long serialVersionUID = 1L;
        public static final int VERSION_1 = 1;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected int currentVersion() {
            return VERSION_1;
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public MatchedSample copy(MatchedSample from) {
            return from;
        }

        @Override
        protected void write(MatchedSample m, DataOutputView out) throws IOException {
            StringValue.writeString(m.rule, out);
            out.writeInt(m.fingerprint);
            SampleSerializer.INSTANCE.serialize(m.sample, out);
        }

        @Override
        protected MatchedSample read(int version, DataInputView in) throws IOException {
            if (version != VERSION_1) {
                throw unknownVersion(version);
            }
            return new MatchedSample(
                    StringValue.readString(in),
                    in.readInt(),
                    SampleSerializer.INSTANCE.deserialize(in));
        }

        @Override
        public TypeSerializerSnapshot<MatchedSample> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MatchedSample> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
