package io.condenser.rules.engine;

/** Event-time timers of the current key: the job's timer service, or the evaluator's queue. */
@FunctionalInterface
public interface Timers {

    /** Calls the stage back for the current key once the watermark reaches {@code timestampMs}. */
    void register(long timestampMs);
}
