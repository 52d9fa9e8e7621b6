package io.condenser.rules.eval;

import static io.condenser.rules.model.Output.AVG;
import static io.condenser.rules.model.Output.COUNT_SAMPLES;
import static io.condenser.rules.model.Output.COUNT_SERIES;
import static io.condenser.rules.model.Output.HISTOGRAM_BUCKET;
import static io.condenser.rules.model.Output.INCREASE;
import static io.condenser.rules.model.Output.INCREASE_PROMETHEUS;
import static io.condenser.rules.model.Output.LAST;
import static io.condenser.rules.model.Output.MAX;
import static io.condenser.rules.model.Output.MIN;
import static io.condenser.rules.model.Output.QUANTILES;
import static io.condenser.rules.model.Output.RATE_AVG;
import static io.condenser.rules.model.Output.RATE_SUM;
import static io.condenser.rules.model.Output.STDDEV;
import static io.condenser.rules.model.Output.STDVAR;
import static io.condenser.rules.model.Output.SUM_SAMPLES;
import static io.condenser.rules.model.Output.TOTAL;
import static io.condenser.rules.model.Output.TOTAL_PROMETHEUS;
import static io.condenser.rules.model.Output.UNIQUE_SAMPLES;
import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.support.TestRules;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: a rule, input samples and watermarks (times in seconds), the exact output samples.
 * A case whose expectation ends with a {@code #} line also checks the evaluator's state counts and
 * drop counters after the run. Interval 1m and staleness 2m unless the rule says so.
 */
class RuleEvaluatorGoldenTest {

    /** Four gauge samples of two pods, one arriving out of order: 3@10 5@20 5@40 1@50. */
    private static final String GAUGES =
            """
            cpu{job="a",pod="1"} 3 @10
            cpu{job="a",pod="2"} 5 @20
            cpu{job="a",pod="1"} 1 @50
            cpu{job="a",pod="2"} 5 @40
            cpu{job="a",pod="1"} 100 @60
            watermark 60
            """;

    /** One counter with a reset: 10@0 15@30 | 3@60 (reset) 8@90 | idle window. */
    private static final String COUNTER =
            """
            req{pod="a"} 10 @0
            req{pod="a"} 15 @30
            req{pod="a"} 3 @60
            req{pod="a"} 8 @90
            watermark 120
            watermark 180
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                golden(
                        "sum_samples: every sample of the window, both pods",
                        rule().by("job").output(SUM_SAMPLES),
                        GAUGES,
                        "cpu:1m_by_job_sum_samples{job=\"a\"} 14 @60"),
                golden(
                        "count_samples: four samples; the one @60 is the next window",
                        rule().by("job").output(COUNT_SAMPLES),
                        GAUGES,
                        "cpu:1m_by_job_count_samples{job=\"a\"} 4 @60"),
                golden(
                        "min",
                        rule().by("job").output(MIN),
                        GAUGES,
                        "cpu:1m_by_job_min{job=\"a\"} 1 @60"),
                golden(
                        "max",
                        rule().by("job").output(MAX),
                        GAUGES,
                        "cpu:1m_by_job_max{job=\"a\"} 5 @60"),
                golden(
                        "avg: 14 / 4",
                        rule().by("job").output(AVG),
                        GAUGES,
                        "cpu:1m_by_job_avg{job=\"a\"} 3.5 @60"),
                golden(
                        "last: greatest timestamp (1@50), not last arrival (5@40)",
                        rule().by("job").output(LAST),
                        GAUGES,
                        "cpu:1m_by_job_last{job=\"a\"} 1 @60"),
                golden(
                        "stdvar: population variance of 3,5,5,1",
                        rule().by("job").output(STDVAR),
                        GAUGES,
                        "cpu:1m_by_job_stdvar{job=\"a\"} 2.75 @60"),
                golden(
                        "stddev: sqrt(2.75)",
                        rule().by("job").output(STDDEV),
                        GAUGES,
                        "cpu:1m_by_job_stddev{job=\"a\"} " + Math.sqrt(2.75) + " @60"),
                golden(
                        "count_series: two pods",
                        rule().by("job").output(COUNT_SERIES),
                        GAUGES,
                        "cpu:1m_by_job_count_series{job=\"a\"} 2 @60"),
                golden(
                        "unique_samples: 3, 5, 1",
                        rule().by("job").output(UNIQUE_SAMPLES),
                        GAUGES,
                        "cpu:1m_by_job_unique_samples{job=\"a\"} 3 @60"),
                golden(
                        "quantiles: a quantile label per φ, values are samples (1,3,5,5)",
                        rule().by("job").output(QUANTILES, 0.5, 0.9),
                        GAUGES,
                        "cpu:1m_by_job_quantiles{job=\"a\",quantile=\"0.5\"} 3 @60",
                        "cpu:1m_by_job_quantiles{job=\"a\",quantile=\"0.9\"} 5 @60"),
                golden(
                        "histogram_bucket: cumulative le buckets, +Inf, _sum, _count; counts carry"
                                + " over to the next window (100@60 adds to +Inf)",
                        rule().by("job").output(HISTOGRAM_BUCKET, 2.0, 4.0),
                        GAUGES + "watermark 120",
                        "cpu:1m_by_job_histogram_bucket{job=\"a\",le=\"+Inf\"} 4 @60",
                        "cpu:1m_by_job_histogram_bucket{job=\"a\",le=\"2\"} 1 @60",
                        "cpu:1m_by_job_histogram_bucket{job=\"a\",le=\"4\"} 2 @60",
                        "cpu:1m_by_job_histogram_count{job=\"a\"} 4 @60",
                        "cpu:1m_by_job_histogram_sum{job=\"a\"} 14 @60",
                        "cpu:1m_by_job_histogram_bucket{job=\"a\",le=\"+Inf\"} 5 @120",
                        "cpu:1m_by_job_histogram_bucket{job=\"a\",le=\"2\"} 1 @120",
                        "cpu:1m_by_job_histogram_bucket{job=\"a\",le=\"4\"} 2 @120",
                        "cpu:1m_by_job_histogram_count{job=\"a\"} 5 @120",
                        "cpu:1m_by_job_histogram_sum{job=\"a\"} 114 @120"),
                golden(
                        "total: first sample counts from 0, reset adds the new value, idle"
                                + " window repeats the total",
                        rule().output(TOTAL),
                        COUNTER,
                        "req:1m_total{pod=\"a\"} 15 @60",
                        "req:1m_total{pod=\"a\"} 23 @120",
                        "req:1m_total{pod=\"a\"} 23 @180"),
                golden(
                        "total_prometheus: the first sample is skipped",
                        rule().output(TOTAL_PROMETHEUS),
                        COUNTER,
                        "req:1m_total_prometheus{pod=\"a\"} 5 @60",
                        "req:1m_total_prometheus{pod=\"a\"} 13 @120",
                        "req:1m_total_prometheus{pod=\"a\"} 13 @180"),
                golden(
                        "increase: per window, reset handled, 0 when idle",
                        rule().output(INCREASE),
                        COUNTER,
                        "req:1m_increase{pod=\"a\"} 15 @60",
                        "req:1m_increase{pod=\"a\"} 8 @120",
                        "req:1m_increase{pod=\"a\"} 0 @180"),
                golden(
                        "increase_prometheus: the first sample is skipped",
                        rule().output(INCREASE_PROMETHEUS),
                        COUNTER,
                        "req:1m_increase_prometheus{pod=\"a\"} 5 @60",
                        "req:1m_increase_prometheus{pod=\"a\"} 8 @120",
                        "req:1m_increase_prometheus{pod=\"a\"} 0 @180"),
                golden(
                        "rate_sum: 5 over 30 s, then (3+5) over 60 s; nothing when idle",
                        rule().output(RATE_SUM),
                        COUNTER,
                        "req:1m_rate_sum{pod=\"a\"} " + 5 / 30.0 + " @60",
                        "req:1m_rate_sum{pod=\"a\"} " + 8 / 60.0 + " @120"),
                golden(
                        "rate_sum and rate_avg: per-series rates 1/s and 3/s, summed and averaged",
                        rule().by().output(RATE_SUM).output(RATE_AVG),
                        """
                        req{pod="a"} 0 @0
                        req{pod="a"} 30 @30
                        req{pod="b"} 0 @0
                        req{pod="b"} 60 @20
                        watermark 60
                        """,
                        "req:1m_rate_avg 2 @60",
                        "req:1m_rate_sum 4 @60"),
                golden(
                        "series churn: pod a replaced by pod b, total stays monotonic",
                        rule().by("job").output(TOTAL).output(TOTAL_PROMETHEUS),
                        """
                        req{job="api",pod="a"} 100 @0
                        req{job="api",pod="a"} 110 @30
                        watermark 60
                        req{job="api",pod="b"} 5 @70
                        req{job="api",pod="b"} 7 @100
                        watermark 180
                        """,
                        "req:1m_by_job_total_prometheus{job=\"api\"} 10 @60",
                        "req:1m_by_job_total{job=\"api\"} 110 @60",
                        "req:1m_by_job_total_prometheus{job=\"api\"} 12 @120",
                        "req:1m_by_job_total{job=\"api\"} 117 @120",
                        "req:1m_by_job_total_prometheus{job=\"api\"} 12 @180",
                        "req:1m_by_job_total{job=\"api\"} 117 @180",
                        "# series=1 groups=1 pending=0 late=0 outOfOrder=0 deduplicated=0"
                                + " groupsRejected=0"),
                golden(
                        "staleness: a group silent > 2m gets a marker per output series and"
                                + " every state is removed",
                        rule().by("job").output(TOTAL).output(SUM_SAMPLES),
                        """
                        req{job="api",pod="a"} 1 @10
                        watermark 60
                        watermark 240
                        """,
                        "req:1m_by_job_sum_samples{job=\"api\"} 1 @60",
                        "req:1m_by_job_total{job=\"api\"} 1 @60",
                        "req:1m_by_job_total{job=\"api\"} 1 @120",
                        "req:1m_by_job_sum_samples{job=\"api\"} stale @180",
                        "req:1m_by_job_total{job=\"api\"} stale @180",
                        "# series=0 groups=0 pending=0 late=0 outOfOrder=0 deduplicated=0"
                                + " groupsRejected=0"),
                golden(
                        "staleness: every quantile and histogram series of the group is marked",
                        rule().by("job").output(QUANTILES, 0.5).output(HISTOGRAM_BUCKET, 1.0),
                        """
                        lat{job="api",pod="a"} 0.5 @10
                        watermark 60
                        watermark 180
                        """,
                        "lat:1m_by_job_histogram_bucket{job=\"api\",le=\"+Inf\"} 1 @60",
                        "lat:1m_by_job_histogram_bucket{job=\"api\",le=\"1\"} 1 @60",
                        "lat:1m_by_job_histogram_count{job=\"api\"} 1 @60",
                        "lat:1m_by_job_histogram_sum{job=\"api\"} 0.5 @60",
                        "lat:1m_by_job_quantiles{job=\"api\",quantile=\"0.5\"} 0.5 @60",
                        "lat:1m_by_job_histogram_bucket{job=\"api\",le=\"+Inf\"} 1 @120",
                        "lat:1m_by_job_histogram_bucket{job=\"api\",le=\"1\"} 1 @120",
                        "lat:1m_by_job_histogram_count{job=\"api\"} 1 @120",
                        "lat:1m_by_job_histogram_sum{job=\"api\"} 0.5 @120",
                        "lat:1m_by_job_histogram_bucket{job=\"api\",le=\"+Inf\"} stale @180",
                        "lat:1m_by_job_histogram_bucket{job=\"api\",le=\"1\"} stale @180",
                        "lat:1m_by_job_histogram_count{job=\"api\"} stale @180",
                        "lat:1m_by_job_histogram_sum{job=\"api\"} stale @180",
                        "lat:1m_by_job_quantiles{job=\"api\",quantile=\"0.5\"} stale @180"),
                golden(
                        "a counter silent longer than staleness is a new series when it returns",
                        rule().output(TOTAL),
                        """
                        req 10 @0
                        req 15 @200
                        watermark 240
                        """,
                        "req:1m_total 10 @60",
                        "req:1m_total 10 @120",
                        "req:1m_total stale @180",
                        "req:1m_total 15 @240"),
                golden(
                        "an input staleness marker ends the series: the next sample is new",
                        rule().output(TOTAL).output(TOTAL_PROMETHEUS),
                        """
                        req 10 @0
                        req stale @20
                        req 4 @40
                        watermark 60
                        """,
                        "req:1m_total 14 @60",
                        "req:1m_total_prometheus 0 @60"),
                golden(
                        "late: a sample for a closed window is dropped and counted",
                        rule().output(SUM_SAMPLES),
                        """
                        g 1 @10
                        watermark 60
                        g 5 @50
                        g 2 @70
                        watermark 120
                        """,
                        "g:1m_sum_samples 1 @60",
                        "g:1m_sum_samples 2 @120",
                        "# series=0 groups=1 pending=0 late=1 outOfOrder=0 deduplicated=0"
                                + " groupsRejected=0"),
                golden(
                        "delay 30s: the window closes at end + 30s, later samples are late",
                        rule().delay("30s").output(SUM_SAMPLES),
                        """
                        g 1 @10
                        watermark 60
                        g 5 @50
                        watermark 89
                        watermark 90
                        g 7 @55
                        """,
                        "g:1m_sum_samples 6 @60",
                        "# series=0 groups=1 pending=0 late=1 outOfOrder=0 deduplicated=0"
                                + " groupsRejected=0"),
                golden(
                        "duplicate: same series and timestamp, both count without dedup_interval",
                        rule().output(SUM_SAMPLES),
                        """
                        g 1 @10
                        g 4 @10
                        watermark 60
                        """,
                        "g:1m_sum_samples 5 @60",
                        "# series=0 groups=1 pending=0 late=0 outOfOrder=0 deduplicated=0"
                                + " groupsRejected=0"),
                golden(
                        "dedup 30s: per slot only the greatest timestamp counts (2@20, 4@45)",
                        rule().dedup("30s").output(SUM_SAMPLES),
                        """
                        g 2 @20
                        g 1 @0
                        g 3 @30
                        g 4 @45
                        watermark 60
                        """,
                        "g:1m_sum_samples 6 @60",
                        "# series=1 groups=1 pending=0 late=0 outOfOrder=0 deduplicated=2"
                                + " groupsRejected=0"),
                golden(
                        "max_output_series 2: the third group is refused and counted",
                        rule().by("pod").maxOutputSeries(2).output(SUM_SAMPLES),
                        """
                        g{pod="c"} 3 @10
                        g{pod="a"} 1 @10
                        g{pod="b"} 2 @10
                        g{pod="c"} 3 @20
                        watermark 60
                        """,
                        // admitted in arrival order (c, a), as the job's group stage does
                        "g:1m_by_pod_sum_samples{pod=\"a\"} 1 @60",
                        "g:1m_by_pod_sum_samples{pod=\"c\"} 6 @60",
                        "# series=0 groups=2 pending=0 late=0 outOfOrder=0 deduplicated=0"
                                + " groupsRejected=1"),
                golden(
                        "naming: without pod, drop instance; interval 90s is 1m30s",
                        rule().interval("90s").without("pod").drop("instance").output(MAX),
                        """
                        cpu{job="a",pod="1",instance="x"} 3 @10
                        cpu{job="a",pod="2",instance="y"} 5 @20
                        watermark 90
                        """,
                        "cpu:1m30s_without_pod_max{job=\"a\"} 5 @90"),
                golden(
                        "drop_input_labels first: a version label change is one counter, not two",
                        rule().drop("version").output(TOTAL),
                        """
                        req{version="v1"} 10 @0
                        req{version="v1"} 20 @30
                        req{version="v2"} 25 @40
                        watermark 60
                        """,
                        "req:1m_total 25 @60"),
                golden(
                        "naming: keep_metric_names keeps the input name",
                        rule().by("job").keepMetricNames().output(MAX),
                        GAUGES,
                        "cpu{job=\"a\"} 5 @60"),
                golden(
                        "naming: output_name replaces the <metric>:<interval>_by_… part",
                        rule().by("job").outputName("jobs:cpu").output(MAX),
                        GAUGES,
                        "jobs:cpu_max{job=\"a\"} 5 @60"),
                golden(
                        "naming: without __name__ merges metrics, the name starts with ':'",
                        rule().without("__name__", "pod").output(SUM_SAMPLES),
                        """
                        cpu{job="a",pod="1"} 3 @10
                        mem{job="a",pod="1"} 5 @20
                        watermark 60
                        """,
                        ":1m_without_pod_sum_samples{job=\"a\"} 8 @60"));
    }

    private static Arguments golden(String reason, TestRules rule, String input, String... want) {
        return Arguments.of(reason, rule, input, List.of(want));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(String reason, TestRules rule, String input, List<String> want) {
        RuleEvaluator evaluator = new RuleEvaluator(rule.build());
        List<String> got = new ArrayList<>(GoldenIO.run(evaluator, input));
        if (!want.isEmpty() && want.get(want.size() - 1).startsWith("#")) {
            got.add(GoldenIO.state(evaluator));
        }
        assertThat(got).as(reason).containsExactlyElementsOf(want);
    }
}
