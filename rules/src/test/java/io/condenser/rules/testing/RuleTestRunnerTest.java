package io.condenser.rules.testing;

import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.rules.model.Output;
import io.condenser.rules.model.Rule;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTestRunnerTest {

    private static final List<Rule> RULES =
            List.of(
                    rule().name("totals")
                            .match("http_requests_total")
                            .by("job")
                            .output(Output.TOTAL)
                            .output(Output.RATE_SUM)
                            .build(),
                    rule().name("latency")
                            .match("latency_seconds")
                            .without("pod")
                            .output(Output.MAX)
                            .build());

    private static final String PASSING =
            """
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              - name: totals across a pod replacement
                interval: 15s
                input_series:
                  - series: 'http_requests_total{job="api",pod="a"}'
                    values: '0+10x4'
                  - series: 'http_requests_total{job="api",pod="b"}'
                    values: '_x5 1+1x2'
                  - series: 'latency_seconds{job="api",pod="a"}'
                    values: '0.1 0.3 0.2'
                expected_samples:
                  - time: 1m
                    series: 'http_requests_total:1m_by_job_total{job="api"}'
                    value: 30
                  - time: 1m
                    series: 'http_requests_total:1m_by_job_rate_sum{job="api"}'
                    value: 0.6666667
                  - time: 1m
                    series: 'latency_seconds:1m_without_pod_max{job="api"}'
                    value: 0.3
                  - time: 2m
                    series: 'http_requests_total:1m_by_job_total{job="api"}'
                    value: 43
                  - time: 2m
                    series: 'http_requests_total:1m_by_job_rate_sum{job="api"}'
                    value: 0.7333333
                  - time: 3m
                    series: 'http_requests_total:1m_by_job_total{job="api"}'
                    value: 43
                  - time: 3m
                    series: 'latency_seconds:1m_without_pod_max{job="api"}'
                    stale: true
            """;

    @Test
    void passingFile() throws IOException {
        RuleTestResult result =
                new RuleTestRunner(RULES).run(RuleTestFile.parse(PASSING, "t.yaml"));
        assertThat(result.failures()).isEmpty();
        assertThat(result.tests()).isEqualTo(1);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void failureShowsExpectedAndGot() throws IOException {
        String wrong = PASSING.replaceFirst("value: 43", "value: 44");
        RuleTestResult result = new RuleTestRunner(RULES).run(RuleTestFile.parse(wrong, "t.yaml"));
        assertThat(result.failures())
                .containsExactly(
                        """
                        test "totals across a pod replacement" at 2m:
                          expected:
                            http_requests_total:1m_by_job_rate_sum{job="api"} 0.7333333
                            http_requests_total:1m_by_job_total{job="api"} 44
                          got:
                            http_requests_total:1m_by_job_rate_sum{job="api"} 0.7333333333333333
                            http_requests_total:1m_by_job_total{job="api"} 43"""
                                .stripIndent());
    }

    @Test
    void missingOutputIsAFailure() throws IOException {
        String wrong =
                PASSING
                        + """
                  - time: 10m
                    series: 'http_requests_total:1m_by_job_total{job="api"}'
                    value: 43
            """;
        RuleTestResult result = new RuleTestRunner(RULES).run(RuleTestFile.parse(wrong, "t.yaml"));
        assertThat(result.failures())
                .singleElement()
                .asString()
                .contains("at 10m")
                .contains("(nothing)");
    }

    @Test
    void unknownKeyIsAnErrorWithLine() {
        String bad = PASSING.replace("    interval: 15s", "    intervall: 15s");
        assertThatThrownBy(() -> RuleTestFile.parse(bad, "t.yaml"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("t.yaml:5: ")
                .hasMessageContaining("intervall");
    }

    @Test
    void badValuesNotationFailsTheTestWithTheToken() throws IOException {
        String bad = PASSING.replace("'0+10x4'", "'0+10y4'");
        RuleTestResult result = new RuleTestRunner(RULES).run(RuleTestFile.parse(bad, "t.yaml"));
        assertThat(result.failures()).singleElement().asString().contains("0+10y4");
    }

    @Test
    void seriesLiterals() {
        SeriesLiteral s = SeriesLiteral.parse("{__name__=\"up\", job=\"a\\\"b\", env=\"x\"}");
        assertThat(s.name()).isEqualTo("up");
        assertThat(s.labels()).containsEntry("job", "a\"b").containsEntry("env", "x").hasSize(2);
        assertThat(SeriesLiteral.parse("up").labels()).isEmpty();
        assertThatThrownBy(() -> SeriesLiteral.parse("up{job=a}"))
                .hasMessageContaining("position 8");
    }

    /** The example in docs/rules-test.md, kept passing. */
    @Test
    void documentedExamplePasses() throws IOException {
        String yaml =
                """
                rule_files: [telegraf.rules.yaml]
                evaluation_interval: 1m            # default spacing of input values
                tests:
                  - name: request totals survive a pod replacement
                    interval: 15s                  # spacing of this test's input values; the first is at t=0
                    input_series:
                      - series: 'http_requests_total{job="api",pod="a"}'
                        values: '0+10x4'           # 0 10 20 30 40 at 0s 15s 30s 45s 60s
                      - series: 'http_requests_total{job="api",pod="b"}'
                        values: '_x5 1+1x2'        # missing for 5 steps, then 1 2 3
                    expected_samples:
                      - time: 1m                   # window [0s, 60s)
                        series: 'http_requests_total:1m_by_job_total{job="api"}'
                        value: 30
                      - time: 2m
                        series: 'http_requests_total:1m_by_job_total{job="api"}'
                        value: 43
                      - time: 4m                   # a staleness marker
                        series: 'http_requests_total:1m_by_job_total{job="api"}'
                        stale: true
                """;
        List<Rule> rules =
                List.of(rule().match("http_requests_total").by("job").output(Output.TOTAL).build());
        RuleTestResult result = new RuleTestRunner(rules).run(RuleTestFile.parse(yaml, "doc.yaml"));
        assertThat(result.failures()).isEmpty();
    }
}
