package io.condenser.rules.eval;

/**
 * What a {@link RuleEvaluator} dropped or replaced, and why: nothing is dropped silently.
 *
 * @param accepted samples buffered for a window
 * @param late samples whose window had already closed (end + delay passed)
 * @param duplicates samples with the same input series and timestamp as a buffered one (the later
 *     one replaces it)
 * @param deduplicated samples dropped by {@code dedup_interval} (not the last in their slot)
 * @param outOfOrder counter samples older than their series' last applied sample
 * @param nan NaN-valued samples skipped
 * @param overLimit samples dropped because their output group would exceed {@code
 *     max_output_series}
 * @param groupsRejected times a new output group was refused by {@code max_output_series}
 */
public record EvaluatorStats(
        long accepted,
        long late,
        long duplicates,
        long deduplicated,
        long outOfOrder,
        long nan,
        long overLimit,
        long groupsRejected) {

    /** Mutable counters behind the snapshot. */
    static final class Counters {
        long accepted;
        long late;
        long duplicates;
        long deduplicated;
        long outOfOrder;
        long nan;
        long overLimit;
        long groupsRejected;

        EvaluatorStats snapshot() {
            return new EvaluatorStats(
                    accepted,
                    late,
                    duplicates,
                    deduplicated,
                    outOfOrder,
                    nan,
                    overLimit,
                    groupsRejected);
        }
    }
}
