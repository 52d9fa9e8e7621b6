package io.condenser.jobs.bench.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.ParserOptions;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Sample;
import io.condenser.rules.eval.OutputSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job's remote-write endpoint during a benchmark: decodes every request the job's sink sends
 * and records each sample with the time it was accepted. Either it accepts everything itself
 * ({@code --sink discard}: 204, then dropped), or it forwards the request unchanged to a real
 * receiver ({@code --sink prometheus}) and records the samples only when that receiver answered
 * 2xx, passing its answer back, so "accepted" means accepted by Prometheus.
 */
public final class RemoteWriteReceiver implements AutoCloseable {

    public static final String PATH = "/api/v1/write";

    private static final List<String> FORWARDED_HEADERS =
            List.of(
                    "Content-Type",
                    "Content-Encoding",
                    "X-Prometheus-Remote-Write-Version",
                    "User-Agent");

    private final HttpServer server;
    private final ExecutorService workers;
    private final URI forwardTo;
    private final ReceivedOutputs outputs;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final ThreadLocal<SampleParser> parsers =
            ThreadLocal.withInitial(
                    () -> InputFormat.REMOTE_WRITE.newParser(ParserOptions.defaults()));
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private RemoteWriteReceiver(
            HttpServer server, ExecutorService workers, URI forwardTo, ReceivedOutputs outputs) {
        this.server = server;
        this.workers = workers;
        this.forwardTo = forwardTo;
        this.outputs = outputs;
    }

    /**
     * Listens on a free 127.0.0.1 port.
     *
     * @param forwardTo a remote-write URL to pass requests to, or null to accept them here
     */
    public static RemoteWriteReceiver start(URI forwardTo, ReceivedOutputs outputs)
            throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService workers =
                Executors.newFixedThreadPool(
                        4,
                        r -> {
                            Thread t = new Thread(r, "bench-remote-write-receiver");
                            t.setDaemon(true);
                            return t;
                        });
        RemoteWriteReceiver receiver = new RemoteWriteReceiver(server, workers, forwardTo, outputs);
        server.createContext(PATH, receiver::handle);
        server.setExecutor(workers);
        server.start();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Requests answered so far, and those answered with a non-2xx status. */
    public long requests() {
        return requests.get();
    }

    public long refused() {
        return refused.get();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.incrementAndGet();
            int status = 204;
            byte[] answer = new byte[0];
            if (forwardTo != null) {
                HttpRequest.Builder req =
                        HttpRequest.newBuilder(forwardTo)
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                for (String h : FORWARDED_HEADERS) {
                    String v = ex.getRequestHeaders().getFirst(h);
                    if (v != null && !h.equals("User-Agent")) {
                        req.header(h, v);
                    }
                }
                try {
                    HttpResponse<byte[]> r =
                            http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = r.statusCode();
                    answer = r.body();
                } catch (IOException e) {
                    status = 503;
                    answer = ("receiver unreachable: " + e).getBytes();
                }
            }
            long accepted = System.currentTimeMillis();
            if (status / 100 == 2) {
                outputs.addAll(decode(body, accepted));
            } else {
                refused.incrementAndGet();
            }
            ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the sink sees a broken connection and retries; nothing recorded
            refused.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ReceivedOutputs.Received> decode(byte[] body, long acceptedMs) {
        List<ReceivedOutputs.Received> out = new ArrayList<>();
        parsers.get()
                .parse(
                        body,
                        new ParseListener() {
                            @Override
                            public void onSample(Sample s) {
                                out.add(
                                        new ReceivedOutputs.Received(
                                                OutputSample.format(
                                                        s.name(), s.labels().toMap().entrySet()),
                                                s.timestampMs(),
                                                s.value(),
                                                s.isStale(),
                                                acceptedMs));
                            }

                            @Override
                            public void onRejected(Rejection rejection) {
                                refused.incrementAndGet();
                            }
                        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
