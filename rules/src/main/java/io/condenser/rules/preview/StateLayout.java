package io.condenser.rules.preview;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.model.Rule;
import java.util.List;
import java.util.SortedMap;

/**
 * What the running job keeps in keyed state for one rule, in bytes per state entry: the preview
 * asks this to estimate a rule's state per active series. The job's own implementation serializes
 * its real state objects with its real serializers, so the estimate follows the layout it
 * describes; this module cannot see those classes (the job depends on it, not the other way).
 */
public interface StateLayout {

    /**
     * The per-(rule, input series) entry, or 0 when the job keeps none for this rule (gauge rules
     * without {@code dedup_interval} skip that stage).
     *
     * @param labels the input series' labels after {@code drop_input_labels}
     */
    long seriesEntryBytes(Rule rule, String metricName, SortedMap<String, String> labels);

    /**
     * The per-(rule, output group) entry besides its windows: identity, carried aggregators, the
     * output series it emitted (their staleness markers).
     */
    long groupEntryBytes(
            Rule rule,
            String groupMetric,
            SortedMap<String, String> groupLabels,
            Aggregator[] carry,
            List<OutputSample> emitted);

    /** One open window of one output group: its merged aggregators. */
    long windowEntryBytes(
            Rule rule,
            String groupMetric,
            SortedMap<String, String> groupLabels,
            Aggregator[] window);

    /** How many windows of one group are open at once in steady state. */
    int openWindowsPerGroup(Rule rule);
}
