package io.condenser.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when {@code ./condenser} cannot do its job, and {@code -V}: one line naming the
 * problem and a non-zero exit, never a job restarting in the background.
 */
class LaunchFailureAcceptanceITCase {

    static final String RULES =
            "rules:\n  - {name: r, match: m, interval: 10s, outputs: [sum_samples]}\n";

    @TempDir Path dir;

    private LocalRunSpec spec() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        return new LocalRunSpec(rules);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBusyPortIsOneLineAndExitStatusOne() throws Exception {
        // the listener's bind failure fails the job for good (not a restart) once the direct
        // source throws ListenerBindException; until that is in, this case cannot hold
        assumeTrue(
                classExists("io.condenser.connectors.direct.net.ListenerBindException"),
                "the direct source fails the job on a port it cannot bind");
        LocalRunSpec spec = spec();
        try (ServerSocket busy =
                new ServerSocket(spec.httpPort, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result r = new Launcher(dir).run(Duration.ofMinutes(2), spec.args());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(lastLine(r.err()))
                    .isEqualTo(
                            "condenser run: job failed: port "
                                    + spec.httpPort
                                    + " on 127.0.0.1 (HTTP) is in use");
            // neither Flink's log of the failure nor the command's cleanup after it
            assertThat(r.err()).as("no stack trace").doesNotContain("\tat ");
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aJobThatCannotStartIsOneLineAndExitStatusOne() throws Exception {
        // checkpoint storage that cannot be created fails the job before it runs
        LocalRunSpec spec = spec().checkpointDir("file:///proc/condenser-cannot-write");
        Launcher.Result r = new Launcher(dir).run(Duration.ofMinutes(2), spec.args());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(lastLine(r.err()))
                .startsWith("condenser run: ")
                .contains("/proc/condenser-cannot-write");
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBadFlagIsExitStatusTwoNamingIt() throws Exception {
        Launcher.Result r =
                new Launcher(dir).run(Duration.ofMinutes(2), "run", "--metrics-port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--metrics-port must be in 0..65535 (0 = off), got 70000");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void versionNamesTheBuildItsCommitAndFlink() throws Exception {
        Launcher.Result r = new Launcher(dir).run(Duration.ofMinutes(2), "-V");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("condenser \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines.get(2)).isEqualTo("Flink " + EnvironmentInformation.getVersion());
        assumeTrue(git("rev-parse", "HEAD"), "a git checkout");
        assertThat(lines.get(1)).matches("commit [0-9a-f]{12}");
        // the commit the jar was built from: this checkout's HEAD, or an ancestor of it when
        // commits came after the build
        String commit = lines.get(1).substring("commit ".length());
        assertThat(git("merge-base", "--is-ancestor", commit, "HEAD"))
                .as("%s is HEAD or an ancestor of it", commit)
                .isTrue();
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p =
                new ProcessBuilder(cmd)
                        .directory(Launcher.ROOT.toFile())
                        .redirectErrorStream(true)
                        .start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
