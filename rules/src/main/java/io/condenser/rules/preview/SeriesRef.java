package io.condenser.rules.preview;

import java.util.TreeMap;

/**
 * One distinct input series as {@link RulePreview} knows it: what it matched, worked out once.
 * Callers keep it per series and pass it with each sample, so a sample costs no matching.
 */
public final class SeriesRef {

    final String metricName;
    final TreeMap<String, String> labels;
    final RuleAccount[] accounts;
    final RuleAccount.InputSeries[] inputs;

    /** Non-null when no rule matches: this metric name's unmatched tally. */
    final MetricTally unmatched;

    SeriesRef(
            String metricName,
            TreeMap<String, String> labels,
            RuleAccount[] accounts,
            RuleAccount.InputSeries[] inputs,
            MetricTally unmatched) {
        this.metricName = metricName;
        this.labels = labels;
        this.accounts = accounts;
        this.inputs = inputs;
        this.unmatched = unmatched;
    }

    /** How many enabled rules this series is input to. */
    public int matchedRules() {
        return accounts.length;
    }

    /** Series and samples of one metric name that no rule matches. */
    static final class MetricTally {
        final String name;
        long series;
        long samples;

        MetricTally(String name) {
            this.name = name;
        }
    }
}
