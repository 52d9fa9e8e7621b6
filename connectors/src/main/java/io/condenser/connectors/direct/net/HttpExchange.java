package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request: its head, its body once read, and the one answer it gets. {@link #respond} may
 * be called from any thread (a parser thread, the Flink task thread completing a checkpoint, a
 * timer); the first call wins and the connection writes it on its event loop.
 */
final class HttpExchange {

    private final HttpConnection connection;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final HttpHeaders headers;
    private final String remote;
    private final String clientHost;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean bodyReleased = new AtomicBoolean();
    private Map<String, String> query;
    private volatile DirectSourceMetrics metrics;
    private byte[] body = new byte[0];
    private int bodyLength;
    private long reservedBytes;

    HttpExchange(HttpConnection connection, HttpRequest request, java.net.SocketAddress remote) {
        this.connection = connection;
        this.method = request.method().name();
        String uri = request.uri();
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? null : uri.substring(q + 1);
        this.headers = request.headers();
        this.remote = String.valueOf(remote);
        this.clientHost =
                remote instanceof java.net.InetSocketAddress a && a.getAddress() != null
                        ? a.getAddress().getHostAddress()
                        : this.remote;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    HttpHeaders headers() {
        return headers;
    }

    /** The query parameters (first value of each), percent-decoded. */
    Map<String, String> query() {
        if (query == null) {
            query = params(rawQuery);
        }
        return query;
    }

    static Map<String, String> params(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        try {
            for (Map.Entry<String, List<String>> e :
                    new QueryStringDecoder(raw, false).parameters().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    out.put(e.getKey(), e.getValue().get(0));
                }
            }
        } catch (IllegalArgumentException malformed) {
            // a broken escape: no parameters, as if none were sent
        }
        return out;
    }

    /** Who sent it, for log lines. */
    String remote() {
        return remote;
    }

    /** The client's address without its port: an HTTP client's event-time channel. */
    String clientHost() {
        return clientHost;
    }

    /** The reader whose metrics count this request's answer; null before one is chosen. */
    DirectSourceMetrics metrics() {
        return metrics;
    }

    void metrics(DirectSourceMetrics m) {
        this.metrics = m;
    }

    /** The body as received (compressed, if the client compressed it); valid up to length. */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    void body(byte[] bytes, int length, long reserved) {
        this.body = bytes;
        this.bodyLength = length;
        this.reservedBytes = reserved;
    }

    /** Gives the body's bytes back to the listener's budget; once. */
    void releaseBody(ByteBudget budget) {
        if (bodyReleased.compareAndSet(false, true)) {
            budget.release(reservedBytes);
            body = null;
        }
    }

    /** Answers the request unless it was answered already; any thread. */
    void respond(HttpResponse response) {
        if (answered.compareAndSet(false, true)) {
            connection.send(this, response);
        }
    }

    /** Claims the answer for the connection itself (an answer on the head); false if taken. */
    boolean markAnswered() {
        return answered.compareAndSet(false, true);
    }

    /** Runs later on the connection's event loop (held-response time-outs). */
    ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return connection.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }
}
