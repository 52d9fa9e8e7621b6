package io.condenser.jobs.cli;

import io.condenser.connectors.parse.ParserOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import picocli.CommandLine.Option;

/**
 * The parser options every command that reads metrics input takes ({@code parse}, {@code rules
 * preview}): Influx precision, Graphite templates, and the clock for input without timestamps.
 */
final class ParserOptionsMixin {

    @Option(
            names = "--precision",
            paramLabel = "PRECISION",
            defaultValue = ParserOptions.DEFAULT_PRECISION,
            description =
                    "Influx timestamp precision: ns, us, ms or s (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(
            names = "--template",
            paramLabel = "TEMPLATE",
            description =
                    "Graphite template '[filter] template [tag=value,...]', repeatable; the most"
                            + " specific matching filter wins, e.g."
                            + " 'collectd.* .host.measurement.field*'.")
    List<String> templates = new ArrayList<>();

    @Option(
            names = "--now",
            paramLabel = "TIME",
            description =
                    "The time for input without timestamps: ms since the epoch or ISO-8601"
                            + " (2026-01-01T00:00:00Z); default: the system clock.")
    String now;

    /**
     * @throws IllegalArgumentException naming the bad option
     */
    ParserOptions toParserOptions() {
        return new ParserOptions(precision, templates, clock());
    }

    LongSupplier clock() {
        if (now == null) {
            return System::currentTimeMillis;
        }
        long fixed;
        try {
            fixed =
                    now.chars().allMatch(Character::isDigit)
                            ? Long.parseLong(now)
                            : Instant.parse(now).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--now must be ms since the epoch or ISO-8601 (2026-01-01T00:00:00Z), got '"
                            + now
                            + "'");
        }
        return () -> fixed;
    }
}
