package io.condenser.jobs.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./condenser} process started by {@link Launcher}: what it printed so far, bounded
 * waits for a line or for its end, and a stop by its own PID (SIGTERM, as Ctrl-C's shutdown hook
 * runs; SIGKILL after 30 s).
 */
public final class CondenserProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    CondenserProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public String stdout() {
        return Launcher.read(out);
    }

    public String stderr() {
        return Launcher.read(err);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The JVM's command line (the launcher {@code exec}s java, so this PID is the JVM's once the
     * launcher is past its build check).
     */
    public List<String> commandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid()), "cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    /**
     * Waits until a stderr line matches {@code pattern}; fails with what was printed when the
     * process ends first or the time runs out.
     *
     * @return the match (group 0 and any groups)
     */
    public Matcher awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
        return await("stderr", this::stderr, pattern, timeout);
    }

    /** As {@link #awaitStderr} for stdout (the printed output series). */
    public Matcher awaitStdout(Pattern pattern, Duration timeout) throws InterruptedException {
        return await("stdout", this::stdout, pattern, timeout);
    }

    private Matcher await(
            String stream,
            java.util.function.Supplier<String> text,
            Pattern pattern,
            Duration timeout)
            throws InterruptedException {
        long deadline = Launcher.deadline(timeout);
        while (true) {
            Matcher m = pattern.matcher(text.get());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "condenser exited "
                                + process.exitValue()
                                + " before "
                                + stream
                                + " matched /"
                                + pattern
                                + "/; stderr:\n"
                                + stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        stream
                                + " did not match /"
                                + pattern
                                + "/ in "
                                + timeout
                                + "; stderr:\n"
                                + stderr());
            }
            Thread.sleep(200);
        }
    }

    /** Waits for the process to end by itself; fails (and stops it) after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(
                    "condenser did not exit within " + timeout + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
