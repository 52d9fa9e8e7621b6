package io.condenser.rules.preview;

import java.util.List;

/**
 * What one rule does to the previewed input. Terms as in docs/rules.md: an input series is a
 * matched series after {@code drop_input_labels}; an output group is the set of input series with
 * the same output labels.
 *
 * @param name the rule's name
 * @param source file and line of the rule
 * @param enabled false for a disabled rule (it matches nothing, by design, and is not a problem)
 * @param inputSeries distinct input series matched
 * @param samples samples of those series
 * @param outputGroups distinct output groups
 * @param seriesPerGroup output series each group writes (1 per output, one per φ for quantiles,
 *     buckets + 3 for histogram_bucket): what {@code max_output_series} counts
 * @param outputSeries output groups × series per group: what the rule writes while its groups live
 * @param emittedSeries distinct output series the reference evaluator wrote over the input (fewer
 *     than {@code outputSeries} when, e.g., a rate needs two samples and a series had one)
 * @param droppedLabels the input labels output series do not keep, with their cardinality
 * @param windows per window: active input series and groups, output series written
 * @param state the estimated job state
 * @param limit {@code max_output_series} against what the rule needs
 * @param dropped samples the evaluator did not apply, by reason
 * @param problems why this rule fails the preview (exit status 1); empty when it passes
 */
public record RuleReport(
        String name,
        String source,
        boolean enabled,
        long inputSeries,
        long samples,
        long outputGroups,
        int seriesPerGroup,
        long outputSeries,
        long emittedSeries,
        List<DroppedLabel> droppedLabels,
        List<WindowCount> windows,
        StateEstimate state,
        Limit limit,
        DroppedSamples dropped,
        List<String> problems) {

    public RuleReport {
        droppedLabels = List.copyOf(droppedLabels);
        windows = List.copyOf(windows);
        problems = List.copyOf(problems);
    }

    /** Input series per output series; 0 when the rule writes nothing. */
    public double reduction() {
        return outputSeries == 0 ? 0 : (double) inputSeries / outputSeries;
    }

    /** An input label that output series do not keep, and how many values it had. */
    public record DroppedLabel(String label, long values) {}

    /**
     * One window of the rule, by its end.
     *
     * @param activeInputSeries input series with a sample in the window
     * @param activeGroups output groups with a sample in the window
     * @param outputSeries output series the evaluator wrote at the window's close (staleness
     *     markers not counted)
     */
    public record WindowCount(
            long endMs, long activeInputSeries, long activeGroups, long outputSeries) {}

    /**
     * The job's keyed state for this rule at its busiest window, from the job's state layout
     * ({@link StateLayout}); see docs/rules.md, "Preview a rule", for how it is estimated.
     *
     * @param seriesEntryBytes per input series (0: the rule has no per-series stage)
     * @param groupEntryBytes per output group, besides its windows
     * @param windowEntryBytes per open window of an output group
     * @param openWindows windows open at once per group
     * @param activeSeries input series active in the busiest window
     * @param activeGroups output groups active in that window
     * @param totalBytes the estimate for that window
     */
    public record StateEstimate(
            long seriesEntryBytes,
            long groupEntryBytes,
            long windowEntryBytes,
            int openWindows,
            long activeSeries,
            long activeGroups,
            long totalBytes) {

        /** Bytes per active input series, rounded; 0 without active series. */
        public long bytesPerActiveSeries() {
            return activeSeries == 0 ? 0 : Math.round((double) totalBytes / activeSeries);
        }
    }

    /**
     * @param maxOutputSeries the rule's limit, 0 for none
     * @param neededAtPeak output series the busiest window's groups need
     * @param refusedGroupsAtPeak groups of that window the limit leaves out
     * @param refusals windows of new groups the evaluator refused (each group once per window)
     */
    public record Limit(
            int maxOutputSeries, long neededAtPeak, long refusedGroupsAtPeak, long refusals) {

        public boolean exceeded() {
            return refusedGroupsAtPeak > 0 || refusals > 0;
        }
    }

    /** Samples the evaluator counted instead of applying. */
    public record DroppedSamples(long late, long deduplicated, long nan, long counterOutOfOrder) {}
}
