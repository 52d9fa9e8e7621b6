package io.condenser.connectors.parse;

import io.condenser.model.Sample;

/**
 * Receives what a parser makes of its input, in input order. Parsers never throw on bad input:
 * every line they cannot use comes here as a {@link Rejection}, and parsing continues with the next
 * line.
 */
public interface ParseListener {

    /** A sample the input produced. */
    void onSample(Sample sample);

    /** A line (or record) that produced nothing, with its number and why. */
    void onRejected(Rejection rejection);

    /**
     * Valid input that Condenser does not turn into samples (Influx string fields, native
     * histograms, exemplars), counted so it never vanishes silently.
     */
    default void onSkipped(String reason, long count) {}
}
