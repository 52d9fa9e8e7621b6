package io.condenser.connectors.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server binary (Prometheus, VictoriaMetrics, ...) started by a test on a free 127.0.0.1
 * port with its own data directory, and stopped by PID. Its output goes to {@code server.log} in
 * the data directory so a failing test can show it.
 */
public abstract class ExternalServer implements AutoCloseable {

    protected static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected final Path dataDir;
    protected int port;
    private Process process;

    protected ExternalServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The command line, given the port and data directory. */
    protected abstract List<String> command(int port);

    /** A path that answers 200 once the server accepts work. */
    protected abstract String readinessPath();

    /** Starts the server on a free port and waits (bounded) until it is ready. */
    public void start() throws IOException, InterruptedException {
        start(freePort());
    }

    /** Starts on a given port: a restart after {@link #stop()} keeps the data and the address. */
    public void start(int port) throws IOException, InterruptedException {
        this.port = port;
        Files.createDirectories(dataDir);
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command(port)));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "server exited with " + process.exitValue() + ", log:\n" + log());
            }
            try {
                HttpResponse<Void> r =
                        client().send(
                                        request(readinessPath())
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        stop();
        throw new IOException("server not ready within 60 s, log:\n" + log());
    }

    /** Stops the process this object started (only that PID), waiting up to 30 s. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public int port() {
        return port;
    }

    /** The client for readiness and requests; a TLS server gives one that trusts its CA. */
    protected HttpClient client() {
        return HTTP;
    }

    /** A request to a path; a server with authentication adds its credentials. */
    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public Path logFile() {
        return dataDir.resolve("server.log");
    }

    public String log() {
        try {
            return Files.exists(logFile())
                    ? Files.readString(logFile(), StandardCharsets.UTF_8)
                    : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET a path; returns the body, failing on a non-2xx status. */
    public String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r =
                client().send(
                                request(pathAndQuery).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(
                    "GET " + pathAndQuery + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** POST a body; returns the response (any status). */
    public HttpResponse<String> post(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return client().send(
                        request(path)
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** True when the binary is on the PATH (CI installs it; see .ci/run). */
    public static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
