package io.condenser.rules.eval;

/**
 * What a {@link RuleEvaluator} dropped or replaced, and why: nothing is dropped silently.
 *
 * @param accepted samples applied to (or held for) an open window
 * @param late samples whose window had already closed (end + delay passed)
 * @param deduplicated samples dropped by {@code dedup_interval} (not the last in their slot)
 * @param outOfOrder samples older than their series' last applied one (counter outputs skip them,
 *     gauge outputs take them)
 * @param nan NaN-valued samples skipped
 * @param overLimit samples dropped because their output group would exceed {@code
 *     max_output_series}
 * @param groupsRejected times a new output group was refused by {@code max_output_series}
 */
public record EvaluatorStats(
        long accepted,
        long late,
        long deduplicated,
        long outOfOrder,
        long nan,
        long overLimit,
        long groupsRejected) {

    /** Mutable counters behind the snapshot. */
    static final class Counters {
        long accepted;
        long late;
        long deduplicated;
        long outOfOrder;
        long nan;
        long overLimit;
        long groupsRejected;

        EvaluatorStats snapshot() {
            return new EvaluatorStats(
                    accepted, late, deduplicated, outOfOrder, nan, overLimit, groupsRejected);
        }
    }
}
