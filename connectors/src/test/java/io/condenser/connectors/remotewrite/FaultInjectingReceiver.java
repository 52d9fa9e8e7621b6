package io.condenser.connectors.remotewrite;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.proto.Prompb;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A remote-write receiver for behaviour tests, modelled on the prometheus/compliance sender suite:
 * records every request (headers, raw body, decoded request) and answers from a script of faults,
 * then with a default answer (204 unless a rule says otherwise).
 */
final class FaultInjectingReceiver implements AutoCloseable {

    /** An answer: status, body, extra headers. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** One request as received. */
    record Received(
            long atMs,
            Map<String, List<String>> headers,
            byte[] body,
            Prompb.WriteRequest request,
            int status) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private Function<Prompb.WriteRequest, Answer> rule = r -> Answer.of(204, "");

    FaultInjectingReceiver() throws IOException {
        this(null);
    }

    /** An https receiver when {@code tls} is given. */
    FaultInjectingReceiver(SSLContext tls) throws IOException {
        InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(addr, 0);
        } else {
            HttpsServer https = HttpsServer.create(addr, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext(
                "/api/v1/write",
                exchange -> {
                    byte[] body;
                    try (InputStream in = exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    Prompb.WriteRequest req;
                    try {
                        req = RemoteWriteRequestEncoder.decode(body);
                    } catch (IOException e) {
                        req = null;
                    }
                    Answer a;
                    synchronized (this) {
                        if (!script.isEmpty()) {
                            a = script.poll();
                        } else if (req == null) {
                            a = Answer.of(400, "snappy: corrupt input");
                        } else {
                            a = rule.apply(req);
                        }
                        received.add(
                                new Received(
                                        System.currentTimeMillis(),
                                        Map.copyOf(exchange.getRequestHeaders()),
                                        body,
                                        req,
                                        a.status()));
                    }
                    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
                    if (out.length > 0) {
                        try (OutputStream os = exchange.getResponseBody()) {
                            os.write(out);
                        }
                    }
                    exchange.close();
                });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return (server instanceof HttpsServer ? "https" : "http")
                + "://127.0.0.1:"
                + server.getAddress().getPort()
                + "/api/v1/write";
    }

    /** The next answers, in order, before the rule applies again. */
    synchronized FaultInjectingReceiver thenAnswer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    synchronized FaultInjectingReceiver rule(Function<Prompb.WriteRequest, Answer> rule) {
        this.rule = rule;
        return this;
    }

    synchronized List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The samples of every request answered 2xx, in arrival order, as "series@ts=value". */
    synchronized List<String> acceptedSamples() {
        List<String> out = new ArrayList<>();
        for (Received r : received) {
            if (r.status() / 100 == 2 && r.request() != null) {
                for (Prompb.TimeSeries ts : r.request().getTimeseriesList()) {
                    String series = seriesOf(ts);
                    for (Prompb.Sample s : ts.getSamplesList()) {
                        out.add(series + "@" + s.getTimestamp() + "=" + s.getValue());
                    }
                }
            }
        }
        return out;
    }

    static String seriesOf(Prompb.TimeSeries ts) {
        StringBuilder sb = new StringBuilder();
        for (Prompb.Label l : ts.getLabelsList()) {
            sb.append(l.getName()).append('=').append(l.getValue()).append(',');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
