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

    /** Counts nothing. */
    EngineCounts NONE = (c, r, n) -> {};
}
