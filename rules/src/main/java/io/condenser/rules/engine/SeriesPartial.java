package io.condenser.rules.engine;

import io.condenser.model.Labels;
import io.condenser.rules.aggregate.Aggregator;

/**
 * One subtask's share of one output group's window: the rule's aggregators fed with the samples
 * (counter outputs with their deltas) it applied to that group and window. The group stage merges
 * these; one per group, window and subtask, however many input series and samples.
 *
 * @param rule the rule's name
 * @param fingerprint the rule definition that produced it
 * @param groupMetric the output group's metric part ("" when the grouping drops the name)
 * @param groupLabels the output group's labels
 * @param windowEnd the window's end (exclusive), epoch ms
 * @param lastTimestampMs the greatest timestamp applied to it
 * @param aggregators one per rule output, in rule order
 */
public record SeriesPartial(
        String rule,
        int fingerprint,
        String groupMetric,
        Labels groupLabels,
        long windowEnd,
        long lastTimestampMs,
        Aggregator[] aggregators) {

    /** The per-group key: rule and output group in selector form. */
    public String groupKey() {
        return groupKey(rule, groupMetric, groupLabels);
    }

    public static String groupKey(String rule, String groupMetric, Labels groupLabels) {
        StringBuilder sb = new StringBuilder(rule.length() + groupMetric.length() + 48);
        sb.append(rule).append('\u0000').append(groupMetric);
        if (!groupLabels.isEmpty()) {
            sb.append(groupLabels);
        }
        return sb.toString();
    }

    /** The rule name part of a keyed-state key ({@code rule + '\0' + ...}). */
    public static String ruleOfKey(String key) {
        int i = key.indexOf('\u0000');
        return i < 0 ? key : key.substring(0, i);
    }
}
