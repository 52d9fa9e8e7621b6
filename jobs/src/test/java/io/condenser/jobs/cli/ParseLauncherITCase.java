package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./condenser parse} through the real launcher script, as a user runs it. In {@code mvn
 * verify} the shaded jar and class-path file were just built (package runs before
 * integration-test), so the launcher does not rebuild.
 */
class ParseLauncherITCase {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {}

    private static Result launch(Path dir, String stdin, String... args)
            throws IOException, InterruptedException {
        assumeTrue(
                Files.exists(ROOT.resolve("jobs/target/condenser-jobs.jar"))
                        && Files.exists(ROOT.resolve("jobs/target/classpath.txt")),
                "the shaded jar is built by mvn package");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb =
                new ProcessBuilder(
                        concat(List.of("bash", ROOT.resolve("condenser").toString()), args));
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish; stderr:\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void graphiteThroughTheLauncher(@TempDir Path dir) throws Exception {
        Result r =
                launch(
                        dir,
                        "collectd.web1.load.load.shortterm 0.05 1700000000\n"
                                + "collectd.web1.cpu-0.cpu-idle nan\n"
                                + "disk.used;host=a 10\n",
                        "parse",
                        "--format",
                        "graphite",
                        "--template",
                        "collectd.* .host.measurement.field*",
                        "--now",
                        "1234",
                        "-");
        assertThat(r.out())
                .isEqualTo(
                        "load_load_shortterm{host=\"web1\"} 0.05 1700000000000\n"
                                + "disk_used{host=\"a\"} 10 1234\n");
        assertThat(r.err())
                .endsWith(
                        "line 2: non_finite_value: value is not a finite number: 'nan':"
                                + " collectd.web1.cpu-0.cpu-idle nan\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void usageErrorExitsTwo(@TempDir Path dir) throws Exception {
        Result r = launch(dir, "", "parse", "--format", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown format 'nope'");
    }
}
