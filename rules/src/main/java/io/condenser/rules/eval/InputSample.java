package io.condenser.rules.eval;

import io.condenser.rules.model.LabelMatcher;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One input sample for a {@link RuleEvaluator}.
 *
 * @param metricName the metric name
 * @param labels the other labels, sorted by name ({@code __name__} removed if given)
 * @param timestampMs epoch milliseconds
 * @param value the value; NaN values are skipped (counted), as vmagent does
 * @param stale a Prometheus staleness marker: the input series ended
 */
public record InputSample(
        String metricName,
        TreeMap<String, String> labels,
        long timestampMs,
        double value,
        boolean stale) {

    public InputSample {
        Objects.requireNonNull(metricName, "metricName");
        labels = new TreeMap<>(labels);
        labels.remove(LabelMatcher.METRIC_NAME);
    }

    public static InputSample of(
            String metricName, Map<String, String> labels, long timestampMs, double value) {
        return new InputSample(metricName, new TreeMap<>(labels), timestampMs, value, false);
    }

    public static InputSample staleMarker(
            String metricName, Map<String, String> labels, long timestampMs) {
        return new InputSample(metricName, new TreeMap<>(labels), timestampMs, Double.NaN, true);
    }

    /** The series identity: name and sorted labels, in selector form. */
    String seriesKey() {
        return OutputSample.format(metricName, labels.entrySet());
    }
}
