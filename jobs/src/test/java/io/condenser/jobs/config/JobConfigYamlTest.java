package io.condenser.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.jobs.PipelineSettings.UnmatchedInput;
import io.condenser.jobs.cli.JobConfigOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobConfigYamlTest {

    @Test
    void exampleFileIsValidAndSpellsOutTheDefaults() throws Exception {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/condenser-example.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JobConfig c = JobConfigYaml.read(yaml, "condenser-example.yaml").build();
        JobConfig defaults = JobConfig.builder().rulesPath("rules/examples").build();
        assertThat(c.toString()).isEqualTo(defaults.toString());
        assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.kafka().topic()).isEqualTo("metrics");
        assertThat(c.rulesPollInterval()).isEqualTo(JobConfig.DEFAULT_RULES_POLL_INTERVAL);
    }

    @Test
    void readsEveryKey() throws Exception {
        String yaml =
                """
                source:
                  type: kafka
                  direct: {bind-address: 127.0.0.1, line-protocol-port: 0, http-port: 9086,
                           graphite-port: 0, ack: on-checkpoint}
                  kafka: {bootstrap-servers: "k1:9092,k2:9092", topic: telegraf, group-id: g}
                rules: {topic: rules, poll-interval: 1m}
                remote-write: {urls: [http://a/api/v1/write, https://b/push], delivery: exactly-once}
                checkpoints: {interval: 1m30s, dir: file:///tmp/cp}
                parallelism: 4
                unmatched-input: forward
                """;
        JobConfig c = JobConfigYaml.read(yaml, "t.yaml").build();
        assertThat(c.sourceType()).isEqualTo(JobConfig.SourceType.KAFKA);
        assertThat(c.direct().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.direct().lineProtocolPort()).isZero();
        assertThat(c.direct().httpPort()).isEqualTo(9086);
        assertThat(c.direct().ack()).isEqualTo(AckMode.ON_CHECKPOINT);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(c.kafka().topic()).isEqualTo("telegraf");
        assertThat(c.kafka().groupId()).isEqualTo("g");
        assertThat(c.rulesTopic()).isEqualTo("rules");
        assertThat(c.rulesPath()).isNull();
        assertThat(c.rulesPollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.remoteWrite().urls())
                .containsExactly("http://a/api/v1/write", "https://b/push");
        assertThat(c.remoteWrite().delivery()).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.checkpointDir()).isEqualTo("file:///tmp/cp");
        assertThat(c.parallelism()).isEqualTo(4);
        assertThat(c.unmatchedInput()).isEqualTo(UnmatchedInput.FORWARD);
    }

    /** A bad file and the message it gets: naming the key and the value. */
    private static final String[][] BAD = {
        {"rules: {path: r}\nsource: {direct: {prot: 1}}", "unknown key(s) [source.direct.prot]"},
        {"rules: {path: r}\nparalelism: 2", "unknown key(s) [paralelism]"},
        {"rules: {path: r}\nparallelism: two", "parallelism must be an integer, got \"two\""},
        {"rules: {path: r}\nparallelism: 0", "parallelism must be in 1..32768, got 0"},
        {
            "rules: {path: r}\nsource: {type: file}",
            "source.type must be direct or kafka, got 'file'"
        },
        {
            "rules: {path: r}\nsource: {direct: {http-port: 70000}}",
            "source.direct.http-port must be in 0..65535 (0 = off), got 70000"
        },
        {"rules: {path: r}\nsource: {type: kafka}", "source.kafka.bootstrap-servers must be set"},
        {
            "rules: {path: r}\nsource: {direct: {ack: later}}",
            "ack must be on-receive or on-checkpoint, got 'later'"
        },
        {"rules: {path: r}\ncheckpoints: {interval: 5}", "checkpoints.interval: not a duration"},
        {
            "rules: {path: r}\ncheckpoints: {interval: 1ms}",
            "checkpoints.interval must be >= 10ms, got PT0.001S"
        },
        {
            "rules: {path: r}\nremote-write: {urls: [ftp://x]}",
            "remote-write.urls entries must be http:// or https:// URLs, got 'ftp://x'"
        },
        {"rules: {topic: r}", "rules.topic 'r' needs source.kafka.bootstrap-servers"},
        {"parallelism: 1", "rules.path or rules.topic must be set, got neither"},
        {"rules: [a]", "rules must be a mapping, got ARRAY"},
        {
            "rules: {path: r}\nunmatched-input: keep",
            "unmatched-input must be drop or forward, got 'keep'"
        },
    };

    @Test
    void rejectsWithAMessageNamingTheKey() {
        for (String[] c : BAD) {
            assertThatThrownBy(() -> JobConfigYaml.read(c[0], "t.yaml").build())
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void flagsOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(
                file,
                "rules: {path: /etc/rules}\nparallelism: 4\nsource: {direct: {http-port: 1}}\n");
        JobConfigOptions options = new JobConfigOptions();
        new CommandLine(options)
                .parseArgs(
                        "--config", file.toString(),
                        "--parallelism", "2",
                        "--rules-topic", "rules",
                        "--kafka-bootstrap", "k:9092",
                        "--remote-write-url", "http://a/w",
                        "--remote-write-url", "http://b/w",
                        "--checkpoint-interval", "10s");
        JobConfig c = options.toConfig();
        assertThat(c.parallelism()).isEqualTo(2);
        assertThat(c.direct().httpPort()).isEqualTo(1);
        assertThat(c.rulesTopic()).isEqualTo("rules");
        assertThat(c.rulesPath()).isNull();
        assertThat(c.remoteWrite().urls()).isEqualTo(List.of("http://a/w", "http://b/w"));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void emptyFileIsAllDefaults() throws Exception {
        assertThat(JobConfigYaml.read("", "e.yaml").rulesPath("r").build().toString())
                .isEqualTo(JobConfig.builder().rulesPath("r").build().toString());
    }

    /** The configuration files shipped for compose/cluster runs must stay valid. */
    @Test
    void shippedDeployConfigsAreValid() throws Exception {
        Path deploy = Path.of("..", "deploy", "condenser");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(deploy), "no deploy/ here");
        try (var files = Files.list(deploy)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertThat(JobConfigYaml.read(f).build()).as(f.toString()).isNotNull();
            }
        }
    }
}
