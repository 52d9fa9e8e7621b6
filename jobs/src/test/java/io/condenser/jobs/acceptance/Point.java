package io.condenser.jobs.acceptance;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value a client sends, known to the test in both forms: Influx line protocol (what the client
 * writes) and the {@link Sample} the job should make of it ({@code measurement_field}, the tags as
 * labels), which the reference evaluator is fed.
 */
public record Point(
        String measurement, Map<String, String> tags, String field, long value, long tsMs) {

    public Point {
        tags = new TreeMap<>(tags);
    }

    /** Line protocol with a nanosecond timestamp and an integer field. */
    public String line() {
        StringBuilder b = new StringBuilder(measurement);
        tags.forEach((k, v) -> b.append(',').append(k).append('=').append(v));
        return b.append(' ')
                .append(field)
                .append('=')
                .append(value)
                .append("i ")
                .append(tsMs * 1_000_000L)
                .toString();
    }

    public Sample sample() {
        Labels.Builder labels = Labels.builder();
        tags.forEach(labels::set);
        return Sample.of(measurement + "_" + field, labels.build(), tsMs, value);
    }
}
