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
}
