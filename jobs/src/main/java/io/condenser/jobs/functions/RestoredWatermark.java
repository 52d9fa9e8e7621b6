package io.condenser.jobs.functions;

import io.condenser.jobs.state.StateDescriptors;
import io.condenser.rules.eval.WindowSteps;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.OperatorStateStore;

/**
 * The event time a restored job had already reached, so that a sample whose window was closed (and
 * written) before the stop is still recognised as late after the restore. Flink does not keep
 * watermarks in state: a restored job starts at {@code Long.MIN_VALUE} and, until the first new
 * watermark passes the old one, the keyed stages' own lateness checks let such a sample through
 * (their per-series and per-group guards only know series and groups they hold state for).
 *
 * <p>Each match subtask remembers the highest watermark it has seen and snapshots it into union
 * list state. On restore every subtask gets all entries and takes the <b>minimum</b>: a downstream
 * keyed subtask's watermark is the minimum over all match subtasks, so a window that ends (plus
 * delay) at or before that minimum was closed by every downstream subtask before the stop. That
 * holds at any new parallelism, because the bound does not depend on which keys a subtask owns. A
 * subtask that had seen no watermark contributes {@code Long.MIN_VALUE}, and then nothing is judged
 * late here: conservative, never a sample dropped that the stopped job would have taken.
 *
 * <p>The bound applies only until this subtask's live watermark reaches it; from then on the keyed
 * stages' watermark checks see the same windows as closed, and the hot path is one compare.
 */
public final class RestoredWatermark {

    /** Long.MIN_VALUE: no bound (nothing restored, or the live watermark has passed it). */
    private long bound = Long.MIN_VALUE;

    private long highestSeen = Long.MIN_VALUE;
    private ListState<Long> state;

    /** Registers the union list state and, on restore, takes the bound from it. */
    public void initialize(OperatorStateStore store) throws Exception {
        state = store.getUnionListState(StateDescriptors.restoredWatermark());
        restoreFrom(state.get());
    }

    /** The minimum over all restored entries; none (a savepoint without them): no bound. */
    void restoreFrom(Iterable<Long> entries) {
        long min = Long.MAX_VALUE;
        boolean any = false;
        if (entries != null) {
            for (Long e : entries) {
                if (e != null) {
                    min = Math.min(min, e);
                    any = true;
                }
            }
        }
        bound = any ? min : Long.MIN_VALUE;
        highestSeen = Long.MIN_VALUE;
    }

    /** Call with the operator's current watermark (cheap: one compare when it has not moved). */
    public void observe(long watermark) {
        if (watermark > highestSeen) {
            highestSeen = watermark;
            if (watermark >= bound) {
                bound = Long.MIN_VALUE;
            }
        }
    }

    /**
     * Whether a sample at {@code timestampMs} for a rule with this interval and delay falls in a
     * window that was closed before the restore.
     */
    public boolean isLate(long timestampMs, long intervalMs, long delayMs) {
        if (bound == Long.MIN_VALUE) {
            return false;
        }
        return WindowSteps.windowEnd(timestampMs, intervalMs) + delayMs <= bound;
    }

    /** Stores what a later restore needs. */
    public void snapshot() throws Exception {
        state.update(List.of(snapshotValue()));
    }

    /**
     * What this subtask vouches for: the highest watermark it saw, or the restored bound while the
     * live watermark has not reached it yet (stopping again right after a restore keeps it).
     */
    long snapshotValue() {
        return Math.max(highestSeen, bound);
    }

    /** The bound in force, {@code Long.MIN_VALUE} when none. */
    long bound() {
        return bound;
    }
}
