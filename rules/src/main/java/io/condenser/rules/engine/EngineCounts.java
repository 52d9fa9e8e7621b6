package io.condenser.rules.engine;

/**
 * Where the stages count what they drop, hold or emit. The job maps each counter to a metric of the
 * operator, the reference evaluator adds them up.
 */
@FunctionalInterface
public interface EngineCounts {

    /**
     * @param rule the rule definition concerned, or null where there is none (unmatched input)
     */
    void add(EngineCounter counter, CompiledRule rule, long n);

    default void inc(EngineCounter counter, CompiledRule rule) {
        add(counter, rule, 1);
    }

    /**
     * A sample (or partial) whose window had closed when it arrived: counted. The job also logs how
     * late it was, at a rate limit.
     *
     * @param timestampMs the sample's timestamp (a partial's: its window's last sample)
     * @param eventTimeMs the stage's event time (watermark) it was judged against
     */
    default void late(
            EngineCounter counter, CompiledRule rule, long timestampMs, long eventTimeMs) {
        inc(counter, rule);
    }

    /** What a stage holds for a rule went up or down by {@code delta}. */
    default void level(EngineLevel level, CompiledRule rule, int delta) {}

    /** Counts nothing. */
    EngineCounts NONE = (c, r, n) -> {};
}
