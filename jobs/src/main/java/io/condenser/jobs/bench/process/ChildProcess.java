package io.condenser.jobs.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started (generator, producer, Prometheus, VictoriaMetrics), its output in
 * a log file, stopped by its own PID only.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        return new ChildProcess(name, p, log);
    }

    /**
     * Starts two commands with the first one's standard output piped into the second one's input
     * (as a shell's {@code a | b}); the first one's stderr and the second one's output go to their
     * logs.
     */
    public static ChildProcess[] pipeline(
            String firstName,
            List<String> first,
            Path firstLog,
            String secondName,
            List<String> second,
            Path secondLog)
            throws IOException {
        ProcessBuilder a = new ProcessBuilder(first);
        a.redirectError(ProcessBuilder.Redirect.appendTo(firstLog.toFile()));
        a.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        ProcessBuilder b = new ProcessBuilder(second).redirectErrorStream(true);
        b.redirectOutput(ProcessBuilder.Redirect.appendTo(secondLog.toFile()));
        List<Process> ps = ProcessBuilder.startPipeline(List.of(a, b));
        return new ChildProcess[] {
            new ChildProcess(firstName, ps.get(0), firstLog),
            new ChildProcess(secondName, ps.get(1), secondLog)
        };
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The log's last lines, for an error message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits up to {@code seconds} for it to exit by itself; its exit code, or -1 if it did not. */
    public int await(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** TERM, then KILL after 20 s; only this PID. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
