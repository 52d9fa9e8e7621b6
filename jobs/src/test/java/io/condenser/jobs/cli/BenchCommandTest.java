package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.bench.BenchOptions;
import io.condenser.jobs.bench.BenchPath;
import io.condenser.jobs.bench.BenchRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./condenser bench}'s options: defaults, every option, refusals with their messages. */
class BenchCommandTest {

    private static BenchOptions parse(String... args) {
        BenchCommand cmd = new BenchCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.toOptions();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        BenchOptions o = parse();
        assertThat(o.paths()).isEqualTo(BenchRun.installedPaths());
        assertThat(o.paths()).startsWith(BenchPath.DIRECT, BenchPath.KAFKA);
        assertThat(o.protocol()).isEqualTo(BenchOptions.Protocol.TCP);
        assertThat(o.ack()).isEqualTo(AckMode.ON_RECEIVE);
        assertThat(o.sink()).isEqualTo(BenchOptions.Sink.DISCARD);
        assertThat(o.series()).isEqualTo(BenchOptions.DEFAULT_SERIES);
        assertThat(o.mix()).isEqualTo(LineProtocolLoadGenerator.Mix.TELEGRAF);
        assertThat(o.rate()).isZero();
        assertThat(o.rules()).isNull();
        assertThat(o.duration()).isEqualTo(BenchOptions.DEFAULT_DURATION);
        assertThat(o.warmup()).isEqualTo(BenchOptions.DEFAULT_WARMUP);
        assertThat(o.parallelism()).isEqualTo(BenchOptions.DEFAULT_PARALLELISM);
        assertThat(o.checkpointInterval()).isEqualTo(BenchOptions.DEFAULT_CHECKPOINT_INTERVAL);
        assertThat(o.killTaskManager()).isZero();
        assertThat(o.out()).isEqualTo(BenchOptions.DEFAULT_OUT);
        assertThat(o.compression()).isEqualTo("none");
        assertThat(o.replicationFactor()).isEqualTo(BenchOptions.DEFAULT_REPLICATION_FACTOR);
        assertThat(o.retention()).isEqualTo(BenchOptions.DEFAULT_RETENTION);
        // one connection per subtask, whole hosts of 100 series
        assertThat(o.effectiveConnections()).isEqualTo(2);
        assertThat(o.hostsPerConnection()).isEqualTo(500);
        assertThat(o.generatedSeries()).isEqualTo(100_000);
        assertThat(o.effectiveKafkaPartitions()).isEqualTo(2);
    }

    @Test
    void parsesEveryOption() {
        BenchOptions o =
                parse(
                        "--paths", "kafka,direct",
                        "--protocol", "http",
                        "--ack", "on-checkpoint",
                        "--sink", "prometheus",
                        "--series", "1234",
                        "--mix", "cpu",
                        "--rate", "5000",
                        "--rules", "r.yaml",
                        "--duration", "2m",
                        "--warmup", "0s",
                        "--parallelism", "3",
                        "--kill-taskmanager", "2",
                        "--out", "/tmp/x",
                        "--connections", "7",
                        "--checkpoint-interval", "500ms",
                        "--kafka-partitions", "6",
                        "--compression", "snappy",
                        "--job-config", "job.yaml",
                        "--replication-factor", "2",
                        "--retention", "1d");
        assertThat(o.paths()).containsExactly(BenchPath.KAFKA, BenchPath.DIRECT);
        assertThat(o.protocol()).isEqualTo(BenchOptions.Protocol.HTTP);
        assertThat(o.ack()).isEqualTo(AckMode.ON_CHECKPOINT);
        assertThat(o.sink()).isEqualTo(BenchOptions.Sink.PROMETHEUS);
        assertThat(o.series()).isEqualTo(1234);
        assertThat(o.mix()).isEqualTo(LineProtocolLoadGenerator.Mix.CPU);
        assertThat(o.rate()).isEqualTo(5000);
        assertThat(o.rules()).isEqualTo(Path.of("r.yaml"));
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.warmup()).isZero();
        assertThat(o.parallelism()).isEqualTo(3);
        assertThat(o.killTaskManager()).isEqualTo(2);
        assertThat(o.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.effectiveConnections()).isEqualTo(7);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.effectiveKafkaPartitions()).isEqualTo(6);
        assertThat(o.compression()).isEqualTo("snappy");
        assertThat(o.jobConfig()).isEqualTo(Path.of("job.yaml"));
        assertThat(o.replicationFactor()).isEqualTo(2);
        assertThat(o.retention()).isEqualTo(Duration.ofDays(1));
        // 7 connections x 8 hosts x 24 series >= 1234
        assertThat(o.hostsPerConnection()).isEqualTo(8);
    }

    @Test
    void onCheckpointAcknowledgementGetsManyConcurrentClients() {
        assertThat(parse("--protocol", "http", "--ack", "on-checkpoint").effectiveConnections())
                .isEqualTo(64);
        assertThat(parse("--protocol", "http").effectiveConnections()).isEqualTo(2);
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> parse("--paths", "direct,carrier-pigeon"))
                .hasMessageContaining("--paths takes direct, kafka, peer")
                .hasMessageContaining("carrier-pigeon");
        assertThatThrownBy(() -> parse("--paths", "direct,direct")).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("--protocol", "udp"))
                .hasMessageContaining("--protocol must be one of [tcp, http], got 'udp'");
        assertThatThrownBy(() -> parse("--ack", "on-checkpoint"))
                .hasMessageContaining("--ack on-checkpoint needs --protocol http");
        assertThatThrownBy(() -> parse("--sink", "victoria"))
                .hasMessageContaining("[discard, prometheus]");
        assertThatThrownBy(() -> parse("--duration", "soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> parse("--duration", "0s"))
                .hasMessageContaining("--duration must be > 0");
        assertThatThrownBy(() -> parse("--series", "0")).hasMessageContaining("--series");
        assertThatThrownBy(() -> parse("--parallelism", "0")).hasMessageContaining("--parallelism");
        assertThatThrownBy(() -> parse("--compression", "lz4"))
                .hasMessageContaining("[none, gzip, snappy]");
        assertThatThrownBy(() -> parse("--paths", "peer", "--kill-taskmanager", "1"))
                .hasMessageContaining("needs a path with a job");
        assertThatThrownBy(() -> parse("--checkpoint-interval", "10ms"))
                .hasMessageContaining("--checkpoint-interval must be >= 100ms");
    }

    @Test
    void aBadOptionExitsTwoWithTheMessage() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CondenserCommand());
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench", "--no-such-option");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
        assertThat(new CommandLine(new CondenserCommand()).getSubcommands()).containsKey("bench");
    }

    @Test
    void helpListsTheIssuesOptions() {
        String help = new CommandLine(new BenchCommand()).getUsageMessage();
        for (String option :
                List.of(
                        "--paths",
                        "--protocol",
                        "--ack",
                        "--sink",
                        "--series",
                        "--rules",
                        "--duration",
                        "--parallelism",
                        "--kill-taskmanager",
                        "--out")) {
            assertThat(help).contains(option);
        }
    }
}
