package io.condenser.connectors.parse;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What a parser may be configured with, whatever the format; each {@link InputFormat} takes the
 * options that concern it and ignores the rest.
 *
 * @param precision Influx line-protocol timestamp precision: {@code ns}, {@code us}, {@code ms} or
 *     {@code s}
 * @param templates Graphite templates, see {@code GraphiteTemplate}
 * @param clockMs the time (ms since the epoch) for input without timestamps
 */
public record ParserOptions(String precision, List<String> templates, LongSupplier clockMs) {

    public static final String DEFAULT_PRECISION = "ns";

    public ParserOptions {
        Objects.requireNonNull(precision, "precision");
        templates = List.copyOf(templates);
        Objects.requireNonNull(clockMs, "clockMs");
    }

    /** Defaults: nanosecond precision, no templates, the system clock. */
    public static ParserOptions defaults() {
        return new ParserOptions(DEFAULT_PRECISION, List.of(), System::currentTimeMillis);
    }
}
