package io.condenser.rules.preview;

import java.util.List;
import java.util.Map;

/**
 * What {@code condenser rules preview} found: the input, one {@link RuleReport} per rule, and the
 * input no rule matches.
 *
 * @param input what was read
 * @param rules per rule, in rule-set order (disabled rules included, marked)
 * @param unmatched input series no enabled rule matches, by metric name
 */
public record PreviewReport(Input input, List<RuleReport> rules, Unmatched unmatched) {

    public PreviewReport {
        rules = List.copyOf(rules);
    }

    /** True when no rule has a problem: the exit status a CI gate reads. */
    public boolean ok() {
        return rules.stream().allMatch(r -> r.problems().isEmpty());
    }

    /**
     * @param sources what was read, e.g. {@code dump.lp (influx)}
     * @param series distinct input series
     * @param samples samples read; 0 for input of series only
     * @param hasSamples false for input that lists series without samples ({@code /api/v1/series})
     * @param firstTimestampMs the smallest sample timestamp, Long.MAX_VALUE without samples
     * @param lastTimestampMs the greatest sample timestamp, Long.MIN_VALUE without samples
     * @param outOfOrdernessMs how far behind the newest sample the preview's watermark trails
     * @param rejected input lines or records the parser rejected
     * @param skipped valid input that makes no sample (string fields, exemplars), by reason
     */
    public record Input(
            List<String> sources,
            long series,
            long samples,
            boolean hasSamples,
            long firstTimestampMs,
            long lastTimestampMs,
            long outOfOrdernessMs,
            long rejected,
            Map<String, Long> skipped) {
        public Input {
            sources = List.copyOf(sources);
            skipped = Map.copyOf(skipped);
        }
    }

    /**
     * @param series input series no enabled rule matches
     * @param samples their samples
     * @param topMetrics the metric names with the most such series, most first
     */
    public record Unmatched(long series, long samples, List<MetricCount> topMetrics) {
        public Unmatched {
            topMetrics = List.copyOf(topMetrics);
        }
    }

    /** One metric name's share of the unmatched input. */
    public record MetricCount(String name, long series, long samples) {}
}
