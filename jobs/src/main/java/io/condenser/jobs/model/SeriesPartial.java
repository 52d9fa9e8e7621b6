package io.condenser.jobs.model;

import io.condenser.jobs.state.SeriesPartialSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * The name release 0.1 and 0.2 savepoints give the serializer snapshot of their partials (now
 * {@link io.condenser.rules.engine.SeriesPartial}); it holds that snapshot and nothing else.
 */
public final class SeriesPartial {

    private SeriesPartial() {}

    /** Restores today's serializer, which reads that layout ({@link SeriesPartialSerializer}). */
    public static final class Snapshot
            extends SimpleTypeSerializerSnapshot<io.condenser.rules.engine.SeriesPartial> {
        public Snapshot() {
            super(() -> SeriesPartialSerializer.INSTANCE);
        }
    }
}
