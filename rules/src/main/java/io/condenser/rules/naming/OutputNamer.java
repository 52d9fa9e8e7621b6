package io.condenser.rules.naming;

import io.condenser.model.Labels;
import io.condenser.rules.aggregate.HistogramBucketAggregator;
import io.condenser.rules.aggregate.ResultPoint;
import io.condenser.rules.model.Grouping;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.Output;
import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.DurationParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names output series the way vmagent's stream aggregation does, so dashboards built on vmagent
 * names keep working:
 *
 * <pre>{@code <metric>:<interval>[_by_<l1>_<l2>][_without_<l1>_<l2>]_<output>}</pre>
 *
 * with the label names sorted, {@code __name__} never listed, and the interval in Prometheus
 * duration form ({@link DurationParser#format}). {@code quantiles} points carry a {@code quantile}
 * label; {@code histogram_bucket} produces {@code <prefix>_histogram_bucket{le=…}}, {@code
 * <prefix>_histogram_sum} and {@code <prefix>_histogram_count} (a Prometheus classic histogram
 * whose base name ends in {@code _histogram}). With {@code keep_metric_names} the output keeps the
 * input metric name (histogram: {@code <metric>_bucket}, …); {@code output_name} replaces the
 * {@code <metric>:<interval>[_by…][_without…]} part, the {@code _<output>} suffix stays.
 *
 * <p>Output labels: the input labels, minus {@code drop_input_labels}, minus the labels the
 * grouping drops ({@code by}: all but the listed ones; {@code without}: the listed ones). The
 * metric name is kept as part of the group unless {@code without} lists {@code __name__}; then the
 * name starts with the colon ({@code :1m_without_instance_sum_samples}), as in vmagent.
 */
public final class OutputNamer {

    private final Rule rule;
    private final String suffix;
    private final Set<String> dropped;
    private final boolean keepsName;

    public OutputNamer(Rule rule) {
        this.rule = rule;
        this.dropped = Set.copyOf(rule.dropInputLabels());
        Grouping g = rule.grouping();
        this.keepsName =
                g.mode() == Grouping.Mode.BY || !g.labels().contains(LabelMatcher.METRIC_NAME);
        StringBuilder sb = new StringBuilder(":").append(DurationParser.format(rule.interval()));
        List<String> listed =
                g.labels().stream().filter(l -> !l.equals(LabelMatcher.METRIC_NAME)).toList();
        if (!listed.isEmpty()) {
            sb.append(g.mode() == Grouping.Mode.BY ? "_by_" : "_without_")
                    .append(String.join("_", listed));
        }
        this.suffix = sb.toString();
    }

    /**
     * The output group's labels (without {@code __name__}) for an input series' labels.
     *
     * @param inputLabels every label of the input series, {@code __name__} included or not
     */
    public TreeMap<String, String> groupLabels(Map<String, String> inputLabels) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : inputLabels.entrySet()) {
            if (keepsLabel(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Whether the output group keeps this input label ({@code __name__} never: it is a name). */
    public boolean keepsLabel(String name) {
        return !name.equals(LabelMatcher.METRIC_NAME)
                && !dropped.contains(name)
                && rule.grouping().keeps(name);
    }

    /** The metric name part of the group: the input name, or "" when the grouping drops it. */
    public String groupMetric(String inputMetricName) {
        return keepsName ? inputMetricName : "";
    }

    /** The output series' metric name for one result point of one output. */
    public String metricName(String groupMetric, Output output, ResultPoint point) {
        return baseName(groupMetric, output) + point.nameSuffix();
    }

    private String baseName(String groupMetric, Output output) {
        if (rule.keepMetricNames()) {
            return groupMetric;
        }
        String prefix = rule.outputName() != null ? rule.outputName() : groupMetric + suffix;
        String out = output == Output.HISTOGRAM_BUCKET ? "histogram" : output.yamlName();
        return prefix + "_" + out;
    }

    /** The output series' labels: the group's, plus the point's own (quantile, le), sorted. */
    public List<Map.Entry<String, String>> labels(
            TreeMap<String, String> groupLabels, ResultPoint point) {
        TreeMap<String, String> all = groupLabels;
        if (point.labelName() != null) {
            all = new TreeMap<>(groupLabels);
            all.put(point.labelName(), point.labelValue());
        }
        return all.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    /** The output series' labels: the group's, plus the point's own (quantile, le). */
    public Labels labels(Labels groupLabels, ResultPoint point) {
        return point.labelName() == null
                ? groupLabels
                : groupLabels.with(point.labelName(), point.labelValue());
    }

    /** How many output series one group produces (for {@code max_output_series}). */
    public static int seriesPerGroup(Rule rule) {
        int n = 0;
        for (var spec : rule.outputs()) {
            n +=
                    switch (spec.output()) {
                        case QUANTILES -> spec.parameters().size();
                        case HISTOGRAM_BUCKET ->
                                new HistogramBucketAggregator(spec.parameters()).bounds().size()
                                        + 3;
                        default -> 1;
                    };
        }
        return n;
    }
}
