package io.condenser.jobs.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Real clients for {@link Traffic}: curl, Debian's python3-influxdb, and a gzip line-protocol TCP
 * connection shaped like Telegraf's socket_writer with {@code content_encoding = "gzip"} (one gzip
 * member per write). Each fails loudly on an answer other than success.
 */
public final class Clients {

    /** Debian's python3 (the one python3-influxdb installs into), not a pyenv shim. */
    public static final String PYTHON = "/usr/bin/python3";

    private Clients() {}

    /** Debian's python3 with its influxdb module. */
    public static boolean influxPythonPresent() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import influxdb").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * curl POSTing line protocol to {@code url} ({@code /write?db=..} or {@code /api/v2/write}),
     * with {@code Content-Encoding: gzip} and a gzip body when asked; expects 204.
     */
    public static Traffic.Client curl(Path dir, String url, boolean gzip) {
        return points -> {
            byte[] body = lines(points).getBytes(StandardCharsets.UTF_8);
            Path file = Files.createTempFile(dir, "body", gzip ? ".gz" : ".txt");
            Files.write(file, gzip ? gzip(body) : body);
            List<String> cmd =
                    new ArrayList<>(
                            List.of(
                                    "curl",
                                    "-sS",
                                    "-m",
                                    "30",
                                    "-o",
                                    "/dev/null",
                                    "-w",
                                    "%{http_code}"));
            if (gzip) {
                cmd.addAll(List.of("-H", "Content-Encoding: gzip"));
            }
            cmd.addAll(List.of("--data-binary", "@" + file, url));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("curl did not finish: " + url);
            }
            Files.delete(file);
            if (!out.equals("204")) {
                throw new IOException("curl " + url + (gzip ? " (gzip)" : "") + " -> " + out);
            }
        };
    }

    static String lines(List<Point> points) {
        return points.stream().map(Point::line).collect(Collectors.joining("\n", "", "\n"));
    }

    static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(body);
        }
        return b.toByteArray();
    }

    /** python3-influxdb's {@code InfluxDBClient.write_points} in a process of its own. */
    public static final class InfluxPython implements Traffic.Client, AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        public InfluxPython(Path dir, int port, boolean gzip) throws IOException {
            Path script = dir.resolve("influx_write.py");
            if (!Files.exists(script)) {
                try (var s = Clients.class.getResourceAsStream("/acceptance/influx_write.py")) {
                    Files.copy(s, script);
                }
            }
            process =
                    new ProcessBuilder(
                                    PYTHON,
                                    script.toString(),
                                    "127.0.0.1",
                                    Integer.toString(port),
                                    gzip ? "gzip" : "plain")
                            .redirectError(dir.resolve("influx-" + gzip + ".err").toFile())
                            .start();
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public void send(List<Point> points) throws IOException {
            List<Map<String, Object>> json = new ArrayList<>();
            for (Point p : points) {
                json.add(
                        Map.of(
                                "measurement", p.measurement(),
                                "tags", p.tags(),
                                "fields", Map.of(p.field(), p.value()),
                                "time", p.tsMs()));
            }
            in.write(JSON.writeValueAsString(json) + "\n");
            in.flush();
            String answer = out.readLine();
            if (!"ok".equals(answer)) {
                throw new IOException("python3-influxdb: " + answer);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Line protocol over one TCP connection, one gzip member per batch. */
    public static final class GzipTcp implements Traffic.Client, AutoCloseable {
        private final Socket socket;

        public GzipTcp(int port, Duration connectFor) throws Exception {
            socket = connect(port, connectFor);
        }

        @Override
        public void send(List<Point> points) throws IOException {
            OutputStream raw =
                    new FilterOutputStream(socket.getOutputStream()) {
                        @Override
                        public void close() throws IOException {
                            flush(); // the member ends, the connection stays
                        }
                    };
            try (GZIPOutputStream z = new GZIPOutputStream(raw)) {
                z.write(lines(points).getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Connects to a loopback port, retrying while the job's listener is not open yet. */
    public static Socket connect(int port, Duration within) throws Exception {
        long deadline = Launcher.deadline(within);
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return s;
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
