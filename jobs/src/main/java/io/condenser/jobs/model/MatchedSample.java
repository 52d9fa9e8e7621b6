package io.condenser.jobs.model;

import io.condenser.jobs.state.MatchedSampleSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * The name release 0.1 and 0.2 savepoints give the serializer snapshot of their matched samples
 * (now {@link io.condenser.rules.engine.MatchedSample}); it holds that snapshot and nothing else.
 */
public final class MatchedSample {

    private MatchedSample() {}

    /** Restores today's serializer, which reads that layout ({@link MatchedSampleSerializer}). */
    public static final class Snapshot
            extends SimpleTypeSerializerSnapshot<io.condenser.rules.engine.MatchedSample> {
        public Snapshot() {
            super(MatchedSampleSerializer::legacy);
        }
    }
}
