package io.condenser.rules.eval;

import io.condenser.rules.aggregate.Aggregator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluator state of one output group: its labels, when it last got a sample (for staleness), the
 * carried aggregators of cumulative outputs ({@code total}, {@code histogram_bucket}), and the
 * output series it has emitted (to mark them stale when the group goes away).
 */
final class OutputGroup {

    final String metric;
    final TreeMap<String, String> labels;

    /** One per rule output; null for non-cumulative outputs. */
    final Aggregator[] carry;

    /** Output series key -> the last sample emitted for it. */
    final Map<String, OutputSample> emitted = new LinkedHashMap<>();

    long lastSeenMs = Long.MIN_VALUE;

    OutputGroup(String metric, TreeMap<String, String> labels, Aggregator[] carry) {
        this.metric = metric;
        this.labels = labels;
        this.carry = carry;
    }
}
