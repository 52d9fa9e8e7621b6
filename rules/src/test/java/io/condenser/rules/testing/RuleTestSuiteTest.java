package io.condenser.rules.testing;

import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Output;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleTestSuiteTest {

    @TempDir Path dir;

    private static final String TESTS =
            """
            rule_files: [rules.yaml]
            tests:
              - interval: 30s
                input_series:
                  - series: 'up{job="a"}'
                    values: '1 0 1'
                expected_samples:
                  - time: 1m
                    series: 'up:1m_by_job_sum_samples{job="a"}'
                    value: %s
            """;

    private String run(String value, RuleTestSuite.RuleLoader loader, boolean wantOk)
            throws IOException {
        Path file = dir.resolve("rules.test.yaml");
        Files.writeString(file, TESTS.formatted(value));
        StringWriter text = new StringWriter();
        boolean ok = new RuleTestSuite(loader, new PrintWriter(text)).run(List.of(file));
        assertThat(ok).isEqualTo(wantOk);
        return text.toString();
    }

    private static RuleTestSuite.RuleLoader rules(Path[] seen) {
        return path -> {
            seen[0] = path;
            return List.of(rule().match("up").by("job").output(Output.SUM_SAMPLES).build());
        };
    }

    @Test
    void passingFileAndRuleFilesResolvedNextToIt() throws IOException {
        Path[] seen = new Path[1];
        assertThat(run("1", rules(seen), true)).endsWith("PASSED (1 test)\n");
        assertThat(seen[0]).isEqualTo(dir.resolve("rules.yaml").toAbsolutePath());
    }

    @Test
    void failingFilePrintsExpectedAndGot() throws IOException {
        String out = run("2", rules(new Path[1]), false);
        assertThat(out)
                .contains("FAILED (1 failure in 1 test)")
                .contains("expected:\n      up:1m_by_job_sum_samples{job=\"a\"} 2")
                .contains("got:\n      up:1m_by_job_sum_samples{job=\"a\"} 1");
    }

    @Test
    void ruleFileErrorsAreReported() throws IOException {
        String out =
                run(
                        "1",
                        p -> {
                            throw new IllegalArgumentException("rules.yaml:3: bad");
                        },
                        false);
        assertThat(out).contains("FAILED to load rule file").contains("rules.yaml:3: bad");
    }
}
