package io.condenser.jobs.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user-facing scripts ({@code scripts/flink-cluster.sh}, {@code flink.sh}, {@code
 * kafka.sh}) with a private state dir, a copy of {@code flink-conf/} on free ports, and a bounded
 * wait, so the end-to-end test exercises exactly what users run.
 */
public final class ClusterScripts {

    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Map<String, String> env;

    public ClusterScripts(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * A copy of flink-conf/config.yaml with only the ports and directories changed, so it can run
     * beside anything else on this machine.
     */
    public static Path confCopy(Path dir, int restPort, int rpcPort, int promPort)
            throws IOException {
        String yaml = Files.readString(ROOT.resolve("flink-conf/config.yaml"));
        String copy =
                yaml.replace("port: 8081", "port: " + restPort)
                        .replace("port: 6123", "port: " + rpcPort)
                        .replace("port: 9249-9259", "port: " + promPort + "-" + (promPort + 1))
                        .replace("file:///tmp/condenser/", dir.toUri() + "state/");
        if (copy.equals(yaml) || !copy.contains("port: " + restPort)) {
            throw new IllegalStateException(
                    "flink-conf/config.yaml no longer has the expected ports");
        }
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("config.yaml"), copy);
        return conf;
    }

    /** Runs {@code scripts/<script> args}, returns its output; fails on a non-zero exit. */
    public String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("scripts").resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 5 minutes");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
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

    /** Runs a stop command and keeps going if it fails (cleanup). */
    public void stopQuietly(String script) {
        try {
            run(script, "stop");
        } catch (Exception e) {
            System.err.println("cleanup " + script + " stop: " + e.getMessage());
        }
    }
}
