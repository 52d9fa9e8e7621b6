package io.condenser.jobs.state;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * The name release 0.1 and 0.2 savepoints give the serializer snapshot of per-group state (now
 * {@link io.condenser.rules.engine.GroupState}); it holds that snapshot and nothing else.
 */
public final class GroupState {

    private GroupState() {}

    /** Restores today's serializer, which reads layout 1 ({@link GroupStateSerializer}). */
    public static final class Snapshot
            extends SimpleTypeSerializerSnapshot<io.condenser.rules.engine.GroupState> {
        public Snapshot() {
            super(() -> GroupStateSerializer.INSTANCE);
        }
    }
}
