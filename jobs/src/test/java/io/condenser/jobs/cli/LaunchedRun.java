package io.condenser.jobs.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.condenser.connectors.testing.ExternalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * {@code ./condenser run ARGS} as a separate process, as a user starts it: the launcher script, the
 * shaded jar and its class-path file (in {@code mvn verify} both were just built, so the launcher
 * does not rebuild), a free web UI port. Output goes to files; {@link #close()} stops the process
 * this object started, by its PID, and waits for it.
 */
final class LaunchedRun implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Process process;
    private final Path out;
    private final Path err;

    private LaunchedRun(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static LaunchedRun start(Path dir, String... args) throws IOException {
        assumeTrue(
                Files.exists(ROOT.resolve("jobs/target/condenser-jobs.jar"))
                        && Files.exists(ROOT.resolve("jobs/target/classpath.txt")),
                "the shaded jar is built by mvn package");
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(ROOT.resolve("condenser").toString());
        cmd.add("run");
        cmd.add("--web-port");
        cmd.add(Integer.toString(ExternalServer.freePort()));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().put("CONDENSER_JAVA_OPTS", "-Xmx768m -Djava.io.tmpdir=" + dir);
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        return new LaunchedRun(p, out, err);
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits (bounded) until the condition holds; fails with the run's output otherwise. */
    void await(String what, BooleanSupplier condition, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "./condenser run exited "
                                + process.exitValue()
                                + " before "
                                + what
                                + "\nstderr:\n"
                                + stderr());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "no " + what + " within " + timeoutSeconds + " s\nstderr:\n" + stderr());
    }

    /** Waits until stdout has a line matching the predicate; returns it. */
    String awaitLine(String what, Predicate<String> line, long timeoutSeconds) throws Exception {
        String[] found = new String[1];
        await(
                what,
                () -> {
                    try {
                        found[0] = stdout().lines().filter(line).findFirst().orElse(null);
                    } catch (IOException e) {
                        found[0] = null;
                    }
                    return found[0] != null;
                },
                timeoutSeconds);
        return found[0];
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
