package io.condenser.rules.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.eval.InputSample;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.RuleEvaluator;
import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.RuleFileParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RulePreviewTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    /** Fixed entry sizes, so the state arithmetic is visible. */
    static final StateLayout FIXED =
            new StateLayout() {
                @Override
                public long seriesEntryBytes(
                        Rule rule, String metricName, SortedMap<String, String> labels) {
                    return 40;
                }

                @Override
                public long groupEntryBytes(
                        Rule rule,
                        String groupMetric,
                        SortedMap<String, String> groupLabels,
                        Aggregator[] carry,
                        List<OutputSample> emitted) {
                    return 100;
                }

                @Override
                public long windowEntryBytes(
                        Rule rule,
                        String groupMetric,
                        SortedMap<String, String> groupLabels,
                        Aggregator[] window) {
                    return 30;
                }

                @Override
                public int openWindowsPerGroup(Rule rule) {
                    return 2;
                }
            };

    static List<Rule> rules(String yaml) {
        RuleFileParser.Result r = RuleFileParser.parse("rules.yaml", yaml);
        assertThat(r.problems()).isEmpty();
        return r.rules();
    }

    private static RulePreview preview(List<Rule> rules) {
        return new RulePreview(rules, FIXED, Duration.ofMinutes(5), 10);
    }

    private static PreviewReport finish(RulePreview p) {
        return p.finish(List.of("test"), 0, Map.of());
    }

    /** 2 hosts × 3 pods, a counter every 15 s for 3 minutes, plus an unmatched gauge. */
    private static void feedRequests(RulePreview p) {
        for (int step = 0; step < 12; step++) {
            long ts = T0 + 5_000 + step * 15_000L;
            for (String host : List.of("a", "b")) {
                for (String pod : List.of("p1", "p2", "p3")) {
                    SeriesRef ref =
                            p.series("http_requests_total", Map.of("host", host, "pod", pod));
                    p.sample(ref, ts, step * 10.0, false);
                }
            }
            p.sample(p.series("mem_used", Map.of("host", "a")), ts, 1, false);
        }
    }

    @Test
    void countsSeriesGroupsAndDroppedLabels() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: req
                                    match: http_requests_total
                                    interval: 1m
                                    by: [host]
                                    outputs: [total, rate_sum]
                                """));
        feedRequests(p);
        PreviewReport report = finish(p);
        RuleReport r = report.rules().get(0);
        assertThat(r.inputSeries()).isEqualTo(6);
        assertThat(r.samples()).isEqualTo(72);
        assertThat(r.outputGroups()).isEqualTo(2);
        assertThat(r.outputSeries()).isEqualTo(4);
        assertThat(r.reduction()).isEqualTo(1.5);
        assertThat(r.droppedLabels()).containsExactly(new RuleReport.DroppedLabel("pod", 3));
        assertThat(r.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.input().series()).isEqualTo(7);
        assertThat(report.input().samples()).isEqualTo(84);
        assertThat(report.unmatched().series()).isEqualTo(1);
        assertThat(report.unmatched().samples()).isEqualTo(12);
        assertThat(report.unmatched().topMetrics())
                .containsExactly(new PreviewReport.MetricCount("mem_used", 1, 12));
    }

    @Test
    void perWindowOutputIsWhatTheEvaluatorWritesOnItsOwn() {
        List<Rule> rules =
                rules(
                        """
                        rules:
                          - name: req
                            match: http_requests_total
                            interval: 1m
                            by: [host]
                            outputs: [total, rate_sum]
                        """);
        RulePreview p = preview(rules);
        feedRequests(p);
        RuleReport r = finish(p).rules().get(0);

        // the oracle: the same samples straight into an evaluator, one watermark at the end
        RuleEvaluator ev = new RuleEvaluator(rules.get(0));
        for (int step = 0; step < 12; step++) {
            long ts = T0 + 5_000 + step * 15_000L;
            for (String host : List.of("a", "b")) {
                for (String pod : List.of("p1", "p2", "p3")) {
                    ev.add(
                            InputSample.of(
                                    "http_requests_total",
                                    Map.of("host", host, "pod", pod),
                                    ts,
                                    step * 10.0));
                }
            }
        }
        TreeMap<Long, Long> expected = new TreeMap<>();
        for (OutputSample o : ev.advanceWatermark(T0 + 3 * 60_000)) {
            if (!o.stale()) {
                expected.merge(o.timestampMs(), 1L, Long::sum);
            }
        }
        TreeMap<Long, Long> got = new TreeMap<>();
        r.windows().forEach(w -> got.put(w.endMs(), w.outputSeries()));
        assertThat(got).isEqualTo(expected);
        assertThat(r.windows())
                .allSatisfy(
                        w -> {
                            assertThat(w.activeInputSeries()).isEqualTo(6);
                            assertThat(w.activeGroups()).isEqualTo(2);
                        });
    }

    @Test
    void dropInputLabelsMergesSeriesAndCountsAsDropped() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: up
                                    match: up
                                    interval: 1m
                                    drop_input_labels: [version]
                                    outputs: [max]
                                """));
        p.sample(p.series("up", Map.of("job", "x", "version", "1")), T0, 1, false);
        p.sample(p.series("up", Map.of("job", "x", "version", "2")), T0 + 1000, 1, false);
        RuleReport r = finish(p).rules().get(0);
        assertThat(r.inputSeries()).isEqualTo(1);
        assertThat(r.outputSeries()).isEqualTo(1);
        assertThat(r.droppedLabels()).containsExactly(new RuleReport.DroppedLabel("version", 2));
    }

    @Test
    void ruleMatchingNothingIsAProblemADisabledOneIsNot() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: none
                                    match: does_not_exist
                                    interval: 1m
                                    outputs: [sum_samples]
                                  - name: off
                                    enabled: false
                                    match: mem_used
                                    interval: 1m
                                    outputs: [sum_samples]
                                """));
        feedRequests(p);
        PreviewReport report = finish(p);
        assertThat(report.rules().get(0).problems()).containsExactly("matches no input series");
        assertThat(report.rules().get(1).enabled()).isFalse();
        assertThat(report.rules().get(1).problems()).isEmpty();
        assertThat(report.ok()).isFalse();
        // a disabled rule matches nothing: its series stay unmatched
        assertThat(report.unmatched().series()).isEqualTo(7);
    }

    @Test
    void maxOutputSeriesRefusalIsAProblemWithTheEvaluatorsCounts() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: req
                                    match: http_requests_total
                                    interval: 1m
                                    by: [host]
                                    outputs: [total, rate_sum]
                                    max_output_series: 3
                                """));
        feedRequests(p);
        RuleReport r = finish(p).rules().get(0);
        // 2 groups × 2 series need 4; the limit admits one group
        assertThat(r.limit().neededAtPeak()).isEqualTo(4);
        assertThat(r.limit().refusedGroupsAtPeak()).isEqualTo(1);
        assertThat(r.limit().refusals()).isPositive();
        assertThat(r.problems())
                .containsExactly(
                        "max_output_series 3 would refuse 1 of 2 groups (they need 4 output"
                                + " series)");
        assertThat(r.emittedSeries()).isEqualTo(2);
    }

    @Test
    void seriesOnlyInputGetsSeriesFigures() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: req
                                    match: http_requests_total
                                    interval: 1m
                                    by: [host]
                                    outputs: [total]
                                    max_output_series: 1
                                """));
        for (String host : List.of("a", "b", "c")) {
            p.series("http_requests_total", Map.of("host", host, "pod", "p1"));
            p.series("http_requests_total", Map.of("host", host, "pod", "p1")); // again: one
        }
        PreviewReport report = finish(p);
        RuleReport r = report.rules().get(0);
        assertThat(report.input().hasSamples()).isFalse();
        assertThat(r.inputSeries()).isEqualTo(3);
        assertThat(r.samples()).isZero();
        assertThat(r.windows()).isEmpty();
        assertThat(r.state().activeSeries()).isEqualTo(3);
        assertThat(r.limit().refusedGroupsAtPeak()).isEqualTo(2);
        assertThat(report.ok()).isFalse();
    }

    @Test
    void samplesBehindTheWatermarkAreLate() {
        List<Rule> rules =
                rules(
                        """
                        rules:
                          - name: g
                            match: g
                            interval: 1m
                            outputs: [sum_samples]
                        """);
        RulePreview p = new RulePreview(rules, FIXED, Duration.ofMinutes(1), 10);
        SeriesRef g = p.series("g", Map.of());
        p.sample(g, T0 + 10 * 60_000, 1, false);
        p.sample(g, T0, 1, false); // 10 minutes behind, its window closed long ago
        p.sample(g, T0 + 9 * 60_000 + 30_000, 1, false); // within the out-of-orderness
        RuleReport r = finish(p).rules().get(0);
        assertThat(r.dropped().late()).isEqualTo(1);
        assertThat(r.samples()).isEqualTo(3);
    }

    @Test
    void stateIsTheLayoutsEntriesAtTheBusiestWindow() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: req
                                    match: http_requests_total
                                    interval: 1m
                                    by: [host]
                                    outputs: [total]
                                """));
        feedRequests(p);
        RuleReport.StateEstimate s = finish(p).rules().get(0).state();
        // 6 series × 40 + 2 groups × (100 + 2 open windows × 30)
        assertThat(s.totalBytes()).isEqualTo(6 * 40 + 2 * (100 + 2 * 30));
        assertThat(s.bytesPerActiveSeries()).isEqualTo(Math.round((6 * 40 + 2 * 160) / 6.0));
    }

    @Test
    void stalenessMarkersCountAsSamplesButNotAsActivity() {
        RulePreview p =
                preview(
                        rules(
                                """
                                rules:
                                  - name: g
                                    match: g
                                    interval: 1m
                                    outputs: [max]
                                """));
        SeriesRef g = p.series("g", Map.of("a", "1"));
        p.sample(g, T0 + 1_000, 1, false);
        p.sample(g, T0 + 61_000, Double.NaN, true);
        List<RuleReport.WindowCount> windows = new ArrayList<>(finish(p).rules().get(0).windows());
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).endMs()).isEqualTo(T0 + 60_000);
    }
}
