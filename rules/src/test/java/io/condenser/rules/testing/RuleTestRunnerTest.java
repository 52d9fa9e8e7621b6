package io.condenser.rules.testing;

import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.rules.model.Output;
import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.RuleFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The example in docs/rules.md ("Testing rules"), read from the page itself: its rule file and
     * its test file (the first two yaml blocks of the section) pass as written.
     */
    @Test
    void documentedExamplePasses() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "rules.md"));
        String section = page.substring(page.indexOf("## Testing rules"));
        List<String> blocks = new ArrayList<>();
        for (int at = section.indexOf("```yaml\n"); at >= 0 && blocks.size() < 2; ) {
            int start = at + "```yaml\n".length();
            int end = section.indexOf("```", start);
            blocks.add(section.substring(start, end));
            at = section.indexOf("```yaml\n", end + 3);
        }
        assertThat(blocks).hasSize(2);
        RuleFileParser.Result rules = RuleFileParser.parse("rules.yaml", blocks.get(0));
        assertThat(rules.problems()).isEmpty();
        assertThat(blocks.get(1)).contains("rule_files: [../rules.yaml]");
        RuleTestResult result =
                new RuleTestRunner(rules.rules())
                        .run(RuleTestFile.parse(blocks.get(1), "rules.test.yaml"));
        assertThat(result.failures()).isEmpty();
        assertThat(result.tests()).isEqualTo(1);
    }

    /**
     * The runner matches with the job's {@code RuleIndex}: a name regex with a negative label
     * matcher, a rule whose two selectors both match a series (its samples still count once), an
     * absent label matching {@code =""}, and a disabled rule that gets nothing.
     */
    @Test
    void matchesAsTheJobDoes() throws IOException {
        RuleFileParser.Result parsed =
                RuleFileParser.parse(
                        "rules.yaml",
                        """
                        rules:
                          - name: cores
                            match: '{__name__=~"cpu_usage_(user|system)", cpu!="cpu-total"}'
                            interval: 1m
                            by: []
                            outputs: [count_samples]
                          - name: twice
                            match: ['up{job="a"}', '{__name__="up", zone=""}']
                            interval: 1m
                            by: []
                            outputs: [count_samples]
                          - name: off
                            enabled: false
                            match: up
                            interval: 1m
                            output_name: off
                            by: []
                            outputs: [count_samples]
                        """);
        assertThat(parsed.problems()).isEmpty();
        String yaml =
                """
                rule_files: [rules.yaml]
                tests:
                  - interval: 20s
                    input_series:
                      - series: 'cpu_usage_user{cpu="cpu0"}'
                        values: '1 1 1'
                      - series: 'cpu_usage_system{cpu="cpu-total"}'
                        values: '1 1 1'
                      - series: 'cpu_usage_idle{cpu="cpu0"}'
                        values: '1 1 1'
                      - series: 'up{job="a"}'
                        values: '1 1'
                      - series: 'up{job="b",zone="z"}'
                        values: '1 1'
                    expected_samples:
                      - time: 1m
                        series: 'cpu_usage_user:1m_count_samples'
                        value: 3
                      - time: 1m
                        series: 'up:1m_count_samples'
                        value: 2
                """;
        RuleTestResult result =
                new RuleTestRunner(parsed.rules()).run(RuleTestFile.parse(yaml, "t.yaml"));
        assertThat(result.failures()).isEmpty();
    }
}
