package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./condenser run} does, in process: the job on an embedded MiniCluster with the direct
 * source on free 127.0.0.1 ports, a rules directory, and the printing sink. Line protocol goes in
 * over TCP; aggregated exposition lines must come out on stdout, and a rule added by editing the
 * directory must start producing.
 */
class LocalRunITCase {

    static final String RULES =
            """
            rules:
              - name: test-sum
                match: test_value
                interval: 1s
                by: [host]
                outputs: [sum_samples]
            """;

    /** The first rule set plus a second rule. */
    static final String RULES_V2 =
            RULES
                    + """
                      - name: other-max
                        match: other_value
                        interval: 1s
                        by: []
                        outputs: [max]
                    """;

    static final String LINES =
            """
            test,host=h1 value=1 NOW
            test,host=h1 value=2 NOW
            test,host=h2 value=5 NOW
            other,host=h1 value=9 NOW
            """;

    static boolean bothHosts(String output) {
        return output.contains("{host=\"h1\"}") && output.contains("{host=\"h2\"}");
    }

    @Test
    @Timeout(240)
    void linesInExpositionOutAndARuleAddedByFile(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("test.yaml"), RULES);
        JobConfig config =
                JobConfig.builder()
                        .direct(LocalRunDriver.loopbackLineProtocolOnly())
                        .rulesPath(rules.toString())
                        .rulesPollInterval(Duration.ofMillis(200))
                        .checkpointInterval(Duration.ofSeconds(1))
                        .checkpointDir(dir.resolve("checkpoints").toUri().toString())
                        .parallelism(1) // the TaskManager gets exactly this many slots
                        .build();
        long deadline = System.currentTimeMillis() + 200_000;
        try (LocalRunDriver driver = new LocalRunDriver(config, deadline)) {
            String output = driver.feedUntil(LINES, LocalRunITCase::bothHosts, deadline);
            assertThat(output.lines().filter(l -> l.startsWith("test_value")))
                    .as("exposition lines on stdout")
                    .anySatisfy(
                            l -> assertThat(l).matches("test_value\\S*\\{host=\"h1\"} \\S+ \\d+"))
                    .anySatisfy(l -> assertThat(l).contains("{host=\"h2\"} "));
            assertThat(output).doesNotContain("other_value");

            // atomic replace, as docs/operations.md advises
            Path tmp = rules.resolve(".test.yaml.tmp");
            Files.writeString(tmp, RULES_V2);
            Files.move(tmp, rules.resolve("test.yaml"), StandardCopyOption.ATOMIC_MOVE);
            output = driver.feedUntil(LINES, o -> o.contains("other_value"), deadline);
            assertThat(output.lines().filter(l -> l.startsWith("other_value")))
                    .as("the rule added by editing the file")
                    .anySatisfy(l -> assertThat(l).matches("other_value\\S* 9 \\d+"));
        }
    }
}
