package io.condenser.jobs.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's own scripts ({@code flink-cluster.sh}, {@code flink.sh}, {@code kafka.sh})
 * with a private environment (state directory, configuration, ports), bounded in time, so the
 * benchmark runs what users run and nothing it starts collides with anything else on the machine.
 */
public final class Scripts {

    private final Repository repo;
    private final Map<String, String> env;

    public Scripts(Repository repo, Map<String, String> env) {
        this.repo = repo;
        this.env = Map.copyOf(env);
    }

    public Repository repository() {
        return repo;
    }

    /** Runs {@code scripts/<script> args}; its output, or an exception naming the exit code. */
    public String run(String script, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(repo.script(script).toString());
        cmd.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(cmd).directory(repo.root().toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        // read while it runs: a full pipe would block the script
        byte[][] out = new byte[1][];
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                out[0] = p.getInputStream().readAllBytes();
                            } catch (IOException e) {
                                out[0] = new byte[0];
                            }
                        },
                        "bench-script-output");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(
                    script + " " + args + " did not finish in " + timeoutSeconds + " s");
        }
        reader.join(10_000);
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(
                    script
                            + " "
                            + String.join(" ", args)
                            + " exited "
                            + p.exitValue()
                            + ":\n"
                            + text);
        }
        return text;
    }

    /** The value of one environment variable the scripts get. */
    public String env(String name) {
        return env.get(name);
    }

    /** A path below the scripts' state directory ({@code CONDENSER_STATE}). */
    public Path state(String relative) {
        return Path.of(env.get("CONDENSER_STATE")).resolve(relative);
    }
}
