package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.config.JobConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    private static JobConfig parse(String... args) {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs(args);
        return RunCommand.localDefaults(cmd.options).build();
    }

    @Test
    void localDefaults() {
        JobConfig c = parse();
        assertThat(c.direct().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.rulesPath()).isEqualTo(RunCommand.DEFAULT_RULES);
        assertThat(c.parallelism()).isEqualTo(1);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.remoteWrite().urls()).isEmpty();
    }

    @Test
    void flagsWin() {
        JobConfig c =
                parse(
                        "--remote-write-url", "http://127.0.0.1:9090/api/v1/write",
                        "--rules", "my-rules",
                        "--bind-address", "0.0.0.0",
                        "--parallelism", "2");
        assertThat(c.remoteWrite().urls()).containsExactly("http://127.0.0.1:9090/api/v1/write");
        assertThat(c.rulesPath()).isEqualTo("my-rules");
        assertThat(c.direct().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.parallelism()).isEqualTo(2);
    }

    @Test
    void fileWithoutRulesGetsTheExamples(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "parallelism: 3\n");
        JobConfig c = parse("--config", file.toString());
        assertThat(c.parallelism()).isEqualTo(3);
        assertThat(c.rulesPath()).isEqualTo(RunCommand.DEFAULT_RULES);
        assertThat(c.direct().bindAddress()).as("the file's (default) value").isEqualTo("0.0.0.0");
    }

    @Test
    void badFlagValueIsExitCode2WithTheKeyNamed() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand()).setErr(new PrintWriter(err));
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertThat(cl.execute("--parallelism", "0")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString()).contains("parallelism must be in 1..32768, got 0");
    }

    private static RunCommand command(String... args) {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void bannerNamesTheKafkaSourceNotTheDirectPorts() {
        RunCommand cmd =
                command(
                        "--source", "kafka",
                        "--kafka-bootstrap", "127.0.0.1:9092",
                        "--kafka-topic", "telegraf",
                        "--metrics-port", "9249");
        String banner =
                RunCommand.banner(
                        RunCommand.localDefaults(cmd.options).build(), cmd.settings(), 8081);
        assertThat(banner)
                .contains("reading Kafka topic telegraf from 127.0.0.1:9092 (group condenser)")
                .contains("metrics http://127.0.0.1:9249/metrics")
                .contains("web UI http://127.0.0.1:8081")
                .doesNotContain("line protocol", "HTTP", "graphite");
    }

    @Test
    void bannerListsOnlyTheOpenDirectPorts() {
        RunCommand cmd = command("--http-port", "0", "--graphite-port", "0");
        String banner =
                RunCommand.banner(
                        RunCommand.localDefaults(cmd.options).build(), cmd.settings(), 8081);
        assertThat(banner)
                .contains("listening on 127.0.0.1: line protocol 8094;")
                .doesNotContain("HTTP", "graphite", "metrics");
    }

    @Test
    void statusLineEveryTenSecondsUnlessSwitchedOff() {
        assertThat(command().settings().statusInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(command("--status-interval", "0").settings().statusInterval()).isNull();
        assertThat(command().settings().metricsPort()).isZero();
        assertThat(command().settings().metricsBindAddress()).isEqualTo("127.0.0.1");
    }
}
