package io.condenser.rules.engine;

/**
 * The event time a restored job had already reached, so that a sample whose window was closed (and
 * written) before the stop is still late after the restore: a stream processor's watermarks are not
 * part of a savepoint, so a restored job starts at Long.MIN_VALUE.
 *
 * <p>Each match-stage instance remembers the highest watermark it saw and the job stores it; on
 * restore every instance gets all stored values and takes the <b>minimum</b>: a downstream stage's
 * watermark is the minimum over all match instances, so a window that closed at or before that
 * minimum was closed everywhere before the stop, whatever the new parallelism. An instance that had
 * seen no watermark contributes Long.MIN_VALUE, and then nothing is judged late here.
 *
 * <p>The bound applies until this instance's live watermark reaches it; from then on the stages'
 * own checks see the same windows as closed, and the hot path is one compare.
 */
public final class RestoredWatermark {

    /** Long.MIN_VALUE: no bound (nothing restored, or the live watermark has passed it). */
    private long bound = Long.MIN_VALUE;

    private long highestSeen = Long.MIN_VALUE;

    /** The minimum over all restored values; none (a savepoint without them): no bound. */
    public void restoreFrom(Iterable<Long> values) {
        long min = Long.MAX_VALUE;
        boolean any = false;
        if (values != null) {
            for (Long v : values) {
                if (v != null) {
                    min = Math.min(min, v);
                    any = true;
                }
            }
        }
        bound = any ? min : Long.MIN_VALUE;
        highestSeen = Long.MIN_VALUE;
    }

    /** Call with the current watermark (cheap: one compare when it has not moved). */
    public void observe(long watermark) {
        if (watermark > highestSeen) {
            highestSeen = watermark;
            if (watermark >= bound) {
                bound = Long.MIN_VALUE;
            }
        }
    }

    /** Whether a sample at {@code timestampMs} falls in a window closed before the restore. */
    public boolean isLate(CompiledRule rule, long timestampMs) {
        return isLate(timestampMs, rule.intervalMs(), rule.delayMs());
    }

    /** As {@link #isLate(CompiledRule, long)}, for a rule with this interval and delay. */
    public boolean isLate(long timestampMs, long intervalMs, long delayMs) {
        return bound != Long.MIN_VALUE
                && WindowSteps.windowEnd(timestampMs, intervalMs) + delayMs <= bound;
    }

    /**
     * What this instance vouches for: the highest watermark it saw, or the restored bound while the
     * live watermark has not reached it yet (stopping again right after a restore keeps it).
     */
    public long snapshotValue() {
        return Math.max(highestSeen, bound);
    }

    /** The bound in force, Long.MIN_VALUE when none. */
    public long bound() {
        return bound;
    }
}
