package io.condenser.jobs.state;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * The name release 0.1 and 0.2 savepoints give the serializer snapshot of per-series state (now
 * {@link io.condenser.rules.engine.SeriesState}); it holds that snapshot and nothing else.
 */
public final class SeriesState {

    private SeriesState() {}

    /** Restores today's serializer, which reads layouts 1 and 2 ({@link SeriesStateSerializer}). */
    public static final class Snapshot
            extends SimpleTypeSerializerSnapshot<io.condenser.rules.engine.SeriesState> {
        public Snapshot() {
            super(LegacySnapshots::seriesStates);
        }
    }
}
