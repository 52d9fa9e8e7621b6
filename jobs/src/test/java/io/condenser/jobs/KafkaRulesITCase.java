package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.testing.KafkaTestBroker;
import io.condenser.jobs.config.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules from a Kafka topic (in-process KRaft broker), the rest as in {@link LocalRunITCase}: the
 * first record's rules produce output; an invalid record is rejected while the previous set keeps
 * producing; a later valid record (the whole set again, plus a rule) takes over.
 */
class KafkaRulesITCase {

    private static final String TOPIC = "condenser-rules";

    private static long newLines(String output) {
        return output.lines().filter(l -> l.startsWith("test_value")).count();
    }

    @Test
    @Timeout(300)
    void latestValidRecordIsTheRuleSet(@TempDir Path dir) throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start(dir.resolve("kafka"))) {
            broker.createTopic(TOPIC, 1);
            broker.send(TOPIC, "test.yaml", LocalRunITCase.RULES);
            JobConfig config =
                    JobConfig.builder()
                            .direct(LocalRunDriver.loopbackLineProtocolOnly())
                            .kafka(k -> k.bootstrapServers(broker.bootstrapServers()))
                            .rulesTopic(TOPIC)
                            .checkpointInterval(Duration.ofSeconds(1))
                            .checkpointDir(dir.resolve("checkpoints").toUri().toString())
                            .parallelism(1) // the TaskManager gets exactly this many slots
                            .build();
            long deadline = System.currentTimeMillis() + 250_000;
            try (LocalRunDriver driver = new LocalRunDriver(config, deadline)) {
                String output =
                        driver.feedUntil(LocalRunITCase.LINES, LocalRunITCase::bothHosts, deadline);
                assertThat(LocalRunITCase.bothHosts(output)).as(output).isTrue();

                broker.send(TOPIC, "test.yaml", "rules:\n  - name: broken\n    interval: 1s\n");
                int before = output.length();
                // the previous set keeps producing: a dozen new test_value lines (six 1 s windows
                // of two hosts) after the bad record; had it been applied, they would stop
                output =
                        driver.feedUntil(
                                LocalRunITCase.LINES,
                                o -> newLines(o.substring(before)) >= 12,
                                deadline);
                assertThat(newLines(output.substring(before))).isGreaterThanOrEqualTo(12);
                assertThat(output.substring(before))
                        .contains("test_value")
                        .doesNotContain("other_value");

                broker.send(TOPIC, "test.yaml", LocalRunITCase.RULES_V2);
                output =
                        driver.feedUntil(
                                LocalRunITCase.LINES, o -> o.contains("other_value"), deadline);
                assertThat(output.lines().filter(l -> l.startsWith("other_value")))
                        .anySatisfy(l -> assertThat(l).matches("other_value\\S* 9 \\d+"));
            }
        }
    }
}
