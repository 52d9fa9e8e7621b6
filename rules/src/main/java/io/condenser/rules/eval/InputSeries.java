package io.condenser.rules.eval;

import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.aggregate.SeriesIds;
import java.util.TreeMap;

/**
 * Evaluator state of one input series: its identity, its group, the samples buffered for windows
 * not yet closed (by timestamp: a window is applied in timestamp order whatever the arrival order),
 * and its counter tracker.
 */
final class InputSeries {

    final String metricName;
    final TreeMap<String, String> labels;
    final long seriesId;
    final String groupKey;

    /** Buffered samples of windows not yet closed, by timestamp. */
    final TreeMap<Long, Point> pending = new TreeMap<>();

    CounterTracker tracker = new CounterTracker();
    long lastTimestampMs = Long.MIN_VALUE;

    /** A buffered sample: a value, or a staleness marker. */
    record Point(double value, boolean stale) {}

    InputSeries(InputSample sample, String seriesKey, String groupKey) {
        this.metricName = sample.metricName();
        this.labels = sample.labels();
        this.seriesId = SeriesIds.of(seriesKey);
        this.groupKey = groupKey;
    }
}
