package io.condenser.rules.naming;

import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.aggregate.ResultPoint;
import io.condenser.rules.model.Output;
import io.condenser.rules.support.TestRules;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutputNamerTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(
                        "no grouping: every label kept, no _by_",
                        rule(),
                        Output.SUM_SAMPLES,
                        "http_requests_total:1m_sum_samples"),
                Arguments.of(
                        "by: sorted label names",
                        rule().by("path", "code"),
                        Output.TOTAL,
                        "http_requests_total:1m_by_code_path_total"),
                Arguments.of(
                        "by __name__ only: no _by_ part",
                        rule().by("__name__"),
                        Output.TOTAL,
                        "http_requests_total:1m_total"),
                Arguments.of(
                        "without: sorted, __name__ not listed",
                        rule().without("pod", "instance"),
                        Output.RATE_SUM,
                        "http_requests_total:1m_without_instance_pod_rate_sum"),
                Arguments.of(
                        "interval in Prometheus form",
                        rule().interval("1h"),
                        Output.MAX,
                        "http_requests_total:1h_max"),
                Arguments.of(
                        "30s",
                        rule().interval("30s"),
                        Output.INCREASE_PROMETHEUS,
                        "http_requests_total:30s_increase_prometheus"),
                Arguments.of(
                        "histogram base name",
                        rule().by("job"),
                        Output.HISTOGRAM_BUCKET,
                        "http_requests_total:1m_by_job_histogram"),
                Arguments.of(
                        "keep_metric_names",
                        rule().keepMetricNames(),
                        Output.AVG,
                        "http_requests_total"),
                Arguments.of(
                        "output_name",
                        rule().by("job").outputName("api:requests"),
                        Output.TOTAL,
                        "api:requests_total"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void names(String reason, TestRules rule, Output output, String want) {
        OutputNamer namer = new OutputNamer(rule.build());
        assertThat(namer.metricName("http_requests_total", output, ResultPoint.of(1)))
                .as(reason)
                .isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelCases")
    void groupLabels(String reason, TestRules rule, Map<String, String> want) {
        Map<String, String> input =
                Map.of("__name__", "x", "job", "api", "pod", "p1", "instance", "i1", "code", "200");
        assertThat(new OutputNamer(rule.build()).groupLabels(input))
                .as(reason)
                .isEqualTo(new TreeMap<>(want));
    }

    static Stream<Arguments> labelCases() {
        return Stream.of(
                Arguments.of(
                        "keep all but __name__",
                        rule(),
                        Map.of("job", "api", "pod", "p1", "instance", "i1", "code", "200")),
                Arguments.of("by", rule().by("job", "code"), Map.of("job", "api", "code", "200")),
                Arguments.of(
                        "without",
                        rule().without("pod", "instance"),
                        Map.of("job", "api", "code", "200")),
                Arguments.of(
                        "drop_input_labels first, then grouping",
                        rule().drop("code").without("pod"),
                        Map.of("job", "api", "instance", "i1")),
                Arguments.of(
                        "drop_input_labels beats by",
                        rule().drop("job").by("job", "code"),
                        Map.of("code", "200")));
    }
}
