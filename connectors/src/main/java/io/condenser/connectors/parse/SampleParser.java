package io.condenser.connectors.parse;

/**
 * Turns one input unit (a file, an HTTP body, a Kafka record, a framed TCP chunk) into samples.
 * Implementations never throw on bad input: every rejected line reaches the listener, and parsing
 * continues with the next line. Line numbers start at 1 within each call.
 *
 * <p>Implementations are not thread-safe (they may reuse buffers); use one per thread or subtask.
 */
public interface SampleParser {

    void parse(byte[] input, int offset, int length, ParseListener listener);

    default void parse(byte[] input, ParseListener listener) {
        parse(input, 0, input.length, listener);
    }
}
