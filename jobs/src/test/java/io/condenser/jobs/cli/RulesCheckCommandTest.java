package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code condenser rules check}, run in-process through the real command tree. */
class RulesCheckCommandTest {

    private static final String GOOD =
            "rules:\n"
                    + "  - {name: a, match: up, interval: 1m, outputs: [max]}\n"
                    + "  - {name: b, match: up, interval: 1m, outputs: [min], enabled: false}\n";

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void validFileSummaryAndExitZero() throws Exception {
        Path f = write("good.yaml", GOOD);
        assertThat(run("rules", "check", f.toString())).isZero();
        assertThat(out.toString()).isEqualTo(f + ": 2 rules OK (1 disabled)\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyProblemOnItsOwnLineAndExitOne() throws Exception {
        Path f =
                write(
                        "bad.yaml",
                        "rules:\n"
                                + "  - name: api-latency\n"
                                + "    match: 'http_request_duration_seconds{env=\"prod\"}'\n"
                                + "    interval: 500ms\n"
                                + "    outputs: [sum_samples, summ]\n");
        assertThat(run("rules", "check", f.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo(
                        f
                                + ":4 rule \"api-latency\": interval must be >= 1s, got 500ms\n"
                                + f
                                + ":5 rule \"api-latency\": outputs: unknown output \"summ\"\n"
                                + "2 problems\n");
    }

    @Test
    void filesAreCheckedTogether() throws Exception {
        Path a = write("a.yaml", GOOD);
        Path b = write("b.yaml", GOOD.replace("name: b", "name: c"));
        assertThat(run("rules", "check", a.toString(), b.toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo(
                        b
                                + ":2 rule \"a\": duplicate rule name, first defined at "
                                + a
                                + ":2\n1 problem\n");
    }

    @Test
    void aDirectoryStandsForItsRuleFiles() throws Exception {
        write("x.yaml", GOOD);
        write("y.yml", GOOD.replace("name: a", "name: x").replace("name: b", "name: y"));
        write("README.md", "not a rule file");
        assertThat(run("rules", "check", dir.toString())).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        dir.resolve("x.yaml")
                                + ": 2 rules OK (1 disabled)\n"
                                + dir.resolve("y.yml")
                                + ": 2 rules OK (1 disabled)\n");
    }

    @Test
    void missingFileAndEmptyDirectoryAreProblems() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(run("rules", "check", dir.resolve("nope.yaml").toString(), empty.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo(
                        empty
                                + ": no *.yml or *.yaml files\n"
                                + dir.resolve("nope.yaml")
                                + ": cannot read file: no such file\n"
                                + "2 problems\n");
    }

    @Test
    void usageErrors() {
        assertThat(run("rules", "check")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
        assertThat(run("rules")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }

    @Test
    void theShippedExampleIsValid() {
        Path example = Path.of("..", "rules", "examples", "telegraf.yaml");
        assertThat(run("rules", "check", example.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).matches(".*telegraf.yaml: \\d+ rules OK \\(1 disabled\\)\n");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CondenserCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
