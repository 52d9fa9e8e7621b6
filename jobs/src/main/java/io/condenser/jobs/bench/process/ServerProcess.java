package io.condenser.jobs.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Debian server binary (Prometheus, VictoriaMetrics) on free loopback ports with its own data
 * directory, started and stopped by the benchmark (by PID), ready once a path answers 200.
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ChildProcess process;
    private final int port;

    private ServerProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Prometheus 2.x with the remote-write receiver on, scraping nothing. */
    public static ServerProcess prometheus(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\n");
        int port = Ports.free();
        return start(
                "prometheus",
                List.of(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--web.enable-remote-write-receiver"),
                dir,
                port,
                "/-/ready");
    }

    /**
     * VictoriaMetrics single-node: Influx line protocol over HTTP ({@code /write}) and, when {@code
     * influxTcpPort} is not 0, over TCP.
     */
    public static ServerProcess victoriaMetrics(Path dir, int influxTcpPort)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = Ports.free();
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(
                                "victoria-metrics",
                                "-httpListenAddr=127.0.0.1:" + port,
                                "-storageDataPath=" + dir.resolve("storage"),
                                "-retentionPeriod=100y",
                                "-loggerLevel=WARN"));
        if (influxTcpPort != 0) {
            cmd.add("-influxListenAddr=127.0.0.1:" + influxTcpPort);
        }
        return start("victoria-metrics", cmd, dir, port, "/health");
    }

    private static ServerProcess start(
            String name, List<String> cmd, Path dir, int port, String ready)
            throws IOException, InterruptedException {
        ChildProcess p = ChildProcess.start(name, cmd, dir.resolve(name + ".log"));
        ServerProcess server = new ServerProcess(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited:\n" + p.logTail(20));
            }
            try {
                if (server.status(ready) == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        server.close();
        throw new IOException(name + " not ready in 60 s:\n" + p.logTail(20));
    }

    /** True when {@code binary} is an executable on the PATH. */
    public static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private int status(String path) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** GET a path; the body, failing on a non-2xx status. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * The sum of one counter in the server's own {@code /metrics} over every label set whose line
     * contains {@code labelFragment} ("" for all), -1 when absent.
     */
    public double metric(String name, String labelFragment)
            throws IOException, InterruptedException {
        double sum = 0;
        boolean found = false;
        for (String line : get("/metrics").split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " "))
                    && line.contains(labelFragment)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
