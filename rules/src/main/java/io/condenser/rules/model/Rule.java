package io.condenser.rules.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One aggregation rule, validated and immutable: the internal form of a rule-file entry (the file
 * form is the YAML itself; there is no third representation).
 *
 * @param name unique, stable id used in state keys, metrics and messages
 * @param enabled a disabled rule is kept in the set (so re-enabling is a change) but matches
 *     nothing
 * @param match the selectors; a sample matching any of them is input to this rule
 * @param interval the tumbling window length, windows aligned to multiples of it since the epoch
 * @param delay how long after a window ends late samples are still accepted (and when it emits)
 * @param stalenessInterval after this long without samples an input series or output group is gone
 * @param dedupInterval zero for none; otherwise only the last sample per input series and dedup
 *     slot
 * @param grouping by/without
 * @param dropInputLabels labels removed from input series before anything else
 * @param outputs requested outputs in file order, no duplicates
 * @param keepMetricNames output series keep the input metric name (only with one output)
 * @param outputName overrides the generated output metric name prefix, or null
 * @param maxOutputSeries cardinality guard per rule; 0 means unlimited
 * @param source where the rule came from, for messages
 */
public record Rule(
        String name,
        boolean enabled,
        List<SeriesSelector> match,
        Duration interval,
        Duration delay,
        Duration stalenessInterval,
        Duration dedupInterval,
        Grouping grouping,
        List<String> dropInputLabels,
        List<OutputSpec> outputs,
        boolean keepMetricNames,
        String outputName,
        int maxOutputSeries,
        SourcePosition source) {

    public Rule {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(stalenessInterval, "stalenessInterval");
        Objects.requireNonNull(dedupInterval, "dedupInterval");
        Objects.requireNonNull(grouping, "grouping");
        dropInputLabels = List.copyOf(dropInputLabels);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(source, "source");
    }

    /** File and line a rule (or one of its fields) was read from. */
    public record SourcePosition(String file, int line) {
        public static final SourcePosition UNKNOWN = new SourcePosition("<unknown>", 0);

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }
}
