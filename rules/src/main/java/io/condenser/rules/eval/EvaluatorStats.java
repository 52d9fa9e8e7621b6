package io.condenser.rules.eval;

import io.condenser.rules.engine.EngineCounter;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an evaluator dropped, held or replaced, and why: the same counters the job exports ({@link
 * EngineCounter}), so nothing is dropped silently in either.
 */
public final class EvaluatorStats {

    private final Map<EngineCounter, Long> counts;

    EvaluatorStats(Map<EngineCounter, Long> counts) {
        this.counts = new EnumMap<>(EngineCounter.class);
        this.counts.putAll(counts);
    }

    public long count(EngineCounter counter) {
        return counts.getOrDefault(counter, 0L);
    }

    /** Samples (and partials) whose window had already closed (end + delay passed). */
    public long late() {
        return count(EngineCounter.SAMPLES_LATE)
                + count(EngineCounter.SAMPLES_LATE_AFTER_RESTORE)
                + count(EngineCounter.PARTIALS_LATE);
    }

    /** Samples dropped by {@code dedup_interval} (not the last in their slot). */
    public long deduplicated() {
        return count(EngineCounter.SAMPLES_DEDUPLICATED);
    }

    /** Samples older than their series' last one (counter outputs skip them). */
    public long outOfOrder() {
        return count(EngineCounter.SAMPLES_COUNTER_OUT_OF_ORDER);
    }

    /** NaN-valued samples skipped. */
    public long nan() {
        return count(EngineCounter.SAMPLES_NAN);
    }

    /** Windows of new output groups refused by {@code max_output_series}. */
    public long groupsRejected() {
        return count(EngineCounter.GROUPS_REJECTED_MAX_OUTPUT_SERIES);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
