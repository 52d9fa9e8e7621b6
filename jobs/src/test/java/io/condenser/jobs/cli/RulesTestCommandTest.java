package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code condenser rules test}, run in-process through the real command tree. */
class RulesTestCommandTest {

    private static final String RULES =
            "rules:\n"
                    + "  - {name: totals, match: http_requests_total, interval: 1m, by: [job],"
                    + " outputs: [total]}\n";

    /** A pod replaced mid-way: the total keeps counting (30 from pod a, then 13 more). */
    private static final String TESTS =
            """
            rule_files: [rules.yaml]
            tests:
              - name: pod replacement
                interval: 15s
                input_series:
                  - series: 'http_requests_total{job="api",pod="a"}'
                    values: '0+10x4'
                  - series: 'http_requests_total{job="api",pod="b"}'
                    values: '_x5 1+1x2'
                expected_samples:
                  - time: 1m
                    series: 'http_requests_total:1m_by_job_total{job="api"}'
                    value: 30
                  - time: 2m
                    series: 'http_requests_total:1m_by_job_total{job="api"}'
                    value: %s
            """;

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void passingFileExitsZero() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), RULES);
        Path t = Files.writeString(dir.resolve("rules.test.yaml"), TESTS.formatted("43"));
        assertThat(run("rules", "test", t.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).isEqualTo(t + ": PASSED (1 test)\n");
    }

    @Test
    void failingFileExitsOneAndPrintsExpectedAndGot() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), RULES);
        Path good = Files.writeString(dir.resolve("good.test.yaml"), TESTS.formatted("43"));
        Path bad = Files.writeString(dir.resolve("bad.test.yaml"), TESTS.formatted("44"));
        assertThat(run("rules", "test", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(out.toString())
                .isEqualTo(
                        good
                                + ": PASSED (1 test)\n"
                                + bad
                                + ": FAILED (1 failure in 1 test)\n"
                                + "  test \"pod replacement\" at 2m:\n"
                                + "    expected:\n"
                                + "      http_requests_total:1m_by_job_total{job=\"api\"} 44\n"
                                + "    got:\n"
                                + "      http_requests_total:1m_by_job_total{job=\"api\"} 43\n");
    }

    @Test
    void aRejectedRuleFileFailsWithTheValidatorsMessage() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), RULES.replace("1m", "500ms"));
        Path t = Files.writeString(dir.resolve("rules.test.yaml"), TESTS.formatted("43"));
        assertThat(run("rules", "test", t.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains("FAILED to load rule file")
                .contains("rule \"totals\": interval must be >= 1s, got 500ms");
    }

    @Test
    void missingTestFileExitsOne() {
        assertThat(run("rules", "test", dir.resolve("nope.yaml").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("nope.yaml: FAILED to read");
    }

    @Test
    void usageErrors() {
        assertThat(run("rules", "test")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
        assertThat(run("rules", "test", "--nope", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--nope'");
    }

    /**
     * The shipped examples: the rule directory checks clean (its tests/ subdirectory is not read as
     * rules) and the rule tests pass.
     */
    @Test
    void theShippedExamplesCheckAndPass() {
        Path examples = Path.of("..", "rules", "examples");
        assertThat(run("rules", "check", examples.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).matches("[^\n]*telegraf.yaml: \\d+ rules OK \\(1 disabled\\)\n");
        out.getBuffer().setLength(0);
        Path tests = examples.resolve("tests").resolve("telegraf.test.yaml");
        assertThat(run("rules", "test", tests.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).isEqualTo(tests + ": PASSED (9 tests)\n");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CondenserCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
