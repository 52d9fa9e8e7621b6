package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The mergeable state of one output for one output group and one window. An aggregator is a small
 * mutable object: {@link #add} folds one input in, {@link #merge} folds another aggregator of the
 * same output (and parameters) in, {@link #result} reads the output values without changing the
 * state, {@link #reset} makes it empty again.
 *
 * <p>Contract proven by the property tests: for any split of an input sequence into parts, adding
 * each part into its own aggregator and merging them (in any grouping) gives the same result as
 * adding everything into one aggregator (exactly for counts, min, max, last, sets; within float
 * rounding for sums and moments; within the sketch's error bound for quantiles).
 *
 * <p>Gauge outputs read {@link AggregatorInput#value()} as the sample value; counter outputs read
 * it as the delta a {@link CounterTracker} computed for the input series.
 */
public interface Aggregator {

    Output output();

    void add(AggregatorInput input);

    /**
     * Folds {@code other} into this one; {@code other} is left unchanged.
     *
     * @throws IllegalArgumentException when {@code other} is another output or has other parameters
     */
    void merge(Aggregator other);

    /**
     * The output values of this state: none when the state saw no input that counts (a window
     * without samples produces no gauge output), several for quantiles and histogram_bucket.
     */
    List<ResultPoint> result();

    /** Empties the state (as newly created, parameters kept). */
    void reset();

    /**
     * Whether the evaluator must carry this output's value across windows per output group (the
     * running sum of {@code total}); such an aggregator holds one window's deltas, and the carry is
     * another aggregator of the same output that each closed window is merged into.
     */
    default boolean cumulative() {
        return false;
    }

    /** Called on a cumulative carry after its result was emitted. */
    default void afterEmit() {}

    /**
     * Writes the state: a version byte first, then the fields. {@link AggregatorStates#read} reads
     * it back.
     */
    void write(DataOutput out) throws IOException;
}
