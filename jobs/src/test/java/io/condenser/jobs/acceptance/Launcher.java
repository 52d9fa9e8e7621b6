package io.condenser.jobs.acceptance;

import io.condenser.jobs.deploy.ClusterScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./condenser} as a user runs it: the launcher script from the repository root as a process,
 * its stdout and stderr in files under a test directory, its private state ({@code
 * CONDENSER_STATE}: the jar copies) there too. In {@code mvn verify} the shaded jar was just built
 * (package runs before integration-test), so the launcher does not rebuild.
 */
public final class Launcher {

    public static final Path ROOT = ClusterScripts.ROOT;
    public static final Path SCRIPT = ROOT.resolve("condenser");
    public static final Path JAR = ROOT.resolve("jobs/target/condenser-jobs.jar");

    /** A command that ran to its end. */
    public record Result(int exit, String out, String err) {}

    private final Path dir;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param dir where output files and the launcher's state go
     */
    public Launcher(Path dir) {
        Tools.require(
                Files.exists(JAR) && Files.exists(ROOT.resolve("jobs/target/classpath.txt")),
                "the shaded jar (mvn package)");
        this.dir = dir;
    }

    /** Runs {@code ./condenser args} to its end (bounded by {@code timeout}). */
    public Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        try (CondenserProcess p = start(args)) {
            int exit = p.awaitExit(timeout);
            return new Result(exit, p.stdout(), p.stderr());
        }
    }

    /** Starts {@code ./condenser args} in the background; close the result to stop it. */
    public CondenserProcess start(String... args) throws IOException {
        int n = runs.incrementAndGet();
        Path out = dir.resolve("condenser-" + n + ".out");
        Path err = dir.resolve("condenser-" + n + ".err");
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().put("CONDENSER_STATE", dir.resolve("state").toString());
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process process = pb.start();
        process.getOutputStream().close();
        return new CondenserProcess(process, out, err);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long deadline(Duration timeout) {
        return System.nanoTime() + TimeUnit.NANOSECONDS.convert(timeout);
    }
}
