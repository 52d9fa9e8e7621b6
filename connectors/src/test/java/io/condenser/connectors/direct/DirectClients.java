package io.condenser.connectors.direct;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Test clients: raw HTTP requests and socket_writer-shaped TCP writes. */
public final class DirectClients {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DirectClients() {}

    public static HttpResponse<String> post(
            int port, String pathAndQuery, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(int port, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        return post(port, pathAndQuery, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse<String> get(int port, String path)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A TCP connection writing like Telegraf's socket_writer: one write per metric. */
    public static final class SocketWriter implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final boolean gzip;

        public SocketWriter(int port, boolean gzip) throws IOException {
            this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
            this.out = socket.getOutputStream();
            this.gzip = gzip;
        }

        /** One metric, one write; with gzip one complete gzip member per metric. */
        public void write(String metricLines) throws IOException {
            byte[] b = gzip ? gzip(metricLines) : metricLines.getBytes(StandardCharsets.UTF_8);
            out.write(b);
            out.flush();
        }

        public Socket socket() {
            return socket;
        }

        public void writeRaw(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
