package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Routes by exact path and decides on the head of a request what happens to it: health endpoints
 * are answered at once; writes are checked (method, credentials, encoding, declared size, a serving
 * reader) before their body is read, so a refused client never makes the source read or hold its
 * body.
 */
final class HttpRouter {

    private static final Pattern CREATE_DATABASE =
            Pattern.compile(
                    "^\\s*CREATE\\s+DATABASE\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Influx v1 form-encoded {@code /query} bodies are tiny. */
    private static final int MAX_QUERY_BODY = 64 * 1024;

    private final Listener listener;
    private final DirectSourceConfig config;
    private final HttpAuth auth;
    private final WriteHandler writes;
    private final String retryAfter;

    HttpRouter(Listener listener, DirectSourceConfig config, HttpAuth auth) {
        this.listener = listener;
        this.config = config;
        this.auth = auth;
        this.writes = new WriteHandler(listener, config);
        this.retryAfter = retryAfterSeconds(config);
    }

    static String retryAfterSeconds(DirectSourceConfig config) {
        return Long.toString(Math.max(1, config.retryAfter().toSeconds()));
    }

    Admission admit(HttpExchange ex) {
        String path = ex.path();
        return switch (path) {
            case "/-/healthy" -> Admission.answer(HttpResponse.text(200, "text/plain", "OK\n"));
            case "/-/ready" ->
                    Admission.answer(
                            listener.hasOpenInbox()
                                    ? HttpResponse.text(200, "text/plain", "OK\n")
                                    : HttpResponse.text(503, "text/plain", "not ready\n"));
            case "/ping" ->
                    Admission.answer(
                            HttpResponse.empty(204).with("X-Influxdb-Version", "1.8-condenser"));
            case "/write", "/api/v2/write", "/api/v1/write", "/api/v1/push", "/query" ->
                    write(ex, path);
            default -> Admission.answer(HttpResponse.error(404, "no endpoint " + path));
        };
    }

    private Admission write(HttpExchange ex, String path) {
        Inbox inbox = listener.inboxFor(ex.clientHost());
        DirectSourceMetrics metrics = inbox == null ? null : inbox.metrics();
        ex.metrics(metrics);
        if (!auth.authorized(ex.headers(), ex.query())) {
            return Admission.answerAndClose(
                    HttpResponse.error(401, "authorization failed")
                            .with("WWW-Authenticate", auth.challenge()));
        }
        if (path.equals("/query")) {
            return query(ex);
        }
        if (!ex.method().equals("POST")) {
            return Admission.answerAndClose(
                    HttpResponse.error(405, path + " takes POST, got " + ex.method())
                            .with("Allow", "POST"));
        }
        if (inbox == null) {
            return Admission.answerAndClose(
                    HttpResponse.retryLater(503, "source is not running", retryAfter));
        }
        boolean remoteWrite = path.equals("/api/v1/write") || path.equals("/api/v1/push");
        String encoding = ex.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (remoteWrite
                ? !HttpBodies.remoteWriteAccepts(encoding)
                : !HttpBodies.lineProtocolAccepts(encoding)) {
            return Admission.answerAndClose(
                    HttpResponse.error(
                                    415,
                                    "unsupported Content-Encoding '"
                                            + encoding
                                            + "' for "
                                            + path
                                            + (remoteWrite
                                                    ? ": remote-write bodies are snappy"
                                                    : ": send gzip or identity"))
                            .with(
                                    "Accept-Encoding",
                                    remoteWrite ? "snappy" : HttpBodies.LINE_PROTOCOL_ENCODINGS));
        }
        Admission tooLarge = tooLarge(ex, config.maxBodyBytes());
        if (tooLarge != null) {
            return tooLarge;
        }
        return new Admission.ReadBody(
                config.maxBodyBytes(), e -> writes.handle(e, path, inbox, remoteWrite));
    }

    /** 413 on the declared length alone: nothing is read. */
    static Admission tooLarge(HttpExchange ex, int maxBytes) {
        String declared = ex.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Admission.answerAndClose(
                    HttpResponse.error(400, "bad Content-Length '" + declared + "'"));
        }
        if (length > maxBytes) {
            return Admission.answerAndClose(
                    HttpResponse.error(
                            413, "body of " + length + " bytes is over the limit of " + maxBytes));
        }
        return null;
    }

    /**
     * Telegraf's outputs.influxdb creates its database at start; say yes, there is nothing to do.
     * The statement comes as {@code q} in the URL or in a form-encoded POST body.
     */
    private Admission query(HttpExchange ex) {
        String q = ex.query().get("q");
        if (q != null || !ex.method().equals("POST")) {
            return Admission.answer(queryAnswer(q));
        }
        Admission tooLarge = tooLarge(ex, MAX_QUERY_BODY);
        if (tooLarge != null) {
            return tooLarge;
        }
        return new Admission.ReadBody(
                MAX_QUERY_BODY,
                e -> {
                    String form = new String(e.body(), 0, e.bodyLength(), StandardCharsets.UTF_8);
                    e.respond(queryAnswer(HttpExchange.params(form).get("q")));
                });
    }

    private static HttpResponse queryAnswer(String q) {
        if (q != null && CREATE_DATABASE.matcher(q).matches()) {
            return HttpResponse.text(
                    200, "application/json", "{\"results\":[{\"statement_id\":0}]}");
        }
        return HttpResponse.error(
                400, "condenser takes writes only; /query answers CREATE DATABASE");
    }
}
