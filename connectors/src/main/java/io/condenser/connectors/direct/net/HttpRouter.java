package io.condenser.connectors.direct.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.reader.DirectSourceMetrics;
import io.condenser.connectors.direct.reader.Inbox;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * Routes by exact path, checks credentials on everything but the health endpoints, and picks the
 * reader (inbox) that takes a write.
 */
final class HttpRouter implements HttpHandler {

    private static final Pattern CREATE_DATABASE =
            Pattern.compile(
                    "^\\s*CREATE\\s+DATABASE\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Listener listener;
    private final DirectSourceConfig config;
    private final WriteHandler writes;

    HttpRouter(
            Listener listener,
            DirectSourceConfig config,
            Executor workers,
            ScheduledExecutorService timer) {
        this.listener = listener;
        this.config = config;
        this.writes = new WriteHandler(listener, config, workers, timer);
    }

    @Override
    public void handle(HttpExchange ex) {
        try {
            route(ex);
        } catch (RuntimeException e) {
            HttpResponses.error(ex, 500, "internal error: " + e, null);
        }
    }

    private void route(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/-/healthy" -> HttpResponses.send(ex, 200, "text/plain", "OK\n", null);
            case "/-/ready" -> {
                if (listener.hasOpenInbox()) {
                    HttpResponses.send(ex, 200, "text/plain", "OK\n", null);
                } else {
                    HttpResponses.send(ex, 503, "text/plain", "not ready\n", null);
                }
            }
            case "/ping" -> {
                ex.getResponseHeaders().set("X-Influxdb-Version", "1.8-condenser");
                HttpResponses.empty(ex, 204, null);
            }
            case "/write", "/api/v2/write", "/api/v1/write", "/query" -> {
                Inbox inbox = listener.nextInbox();
                DirectSourceMetrics metrics = inbox == null ? null : inbox.metrics();
                Map<String, String> query = queryParams(ex.getRequestURI().getRawQuery());
                if (!authorized(ex, query)) {
                    ex.getResponseHeaders().set("WWW-Authenticate", challenge());
                    HttpResponses.error(ex, 401, "authorization failed", metrics);
                } else if (path.equals("/query")) {
                    query(ex, query, metrics);
                } else if (!method.equals("POST")) {
                    ex.getResponseHeaders().set("Allow", "POST");
                    HttpResponses.error(ex, 405, path + " takes POST, got " + method, metrics);
                } else if (inbox == null) {
                    ex.getResponseHeaders().set("Retry-After", retryAfter());
                    HttpResponses.error(ex, 503, "source is not running", null);
                } else {
                    writes.handle(ex, path, query, inbox);
                }
            }
            default -> HttpResponses.error(ex, 404, "no endpoint " + path, null);
        }
    }

    private String retryAfter() {
        return Long.toString(Math.max(1, config.retryAfter().toSeconds()));
    }

    /**
     * Telegraf's outputs.influxdb creates its database at start; say yes, there is nothing to do.
     */
    private void query(HttpExchange ex, Map<String, String> query, DirectSourceMetrics metrics) {
        String q = query.get("q");
        if (q == null && "POST".equals(ex.getRequestMethod())) {
            try {
                byte[] body = ex.getRequestBody().readNBytes(64 * 1024);
                q = queryParams(new String(body, StandardCharsets.UTF_8)).get("q");
            } catch (java.io.IOException e) {
                q = null;
            }
        }
        if (q != null && CREATE_DATABASE.matcher(q).matches()) {
            HttpResponses.send(
                    ex, 200, "application/json", "{\"results\":[{\"statement_id\":0}]}", metrics);
        } else {
            HttpResponses.error(
                    ex,
                    400,
                    "condenser takes writes only; /query answers CREATE DATABASE",
                    metrics);
        }
    }

    private String challenge() {
        return config.bearerToken() != null ? "Bearer" : "Basic realm=\"condenser\"";
    }

    private boolean authorized(HttpExchange ex, Map<String, String> query) {
        if (!config.authRequired()) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (config.bearerToken() != null) {
            String token = null;
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = header.substring(7).trim();
            } else if (header != null && header.regionMatches(true, 0, "Token ", 0, 6)) {
                token = header.substring(6).trim();
            }
            return token != null && same(token, config.bearerToken());
        }
        String user = query.get("u");
        String password = query.get("p");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded =
                        new String(
                                Base64.getDecoder().decode(header.substring(6).trim()),
                                StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    user = decoded.substring(0, colon);
                    password = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return user != null
                && password != null
                && same(user, config.basicUser())
                && same(password, config.basicPassword());
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> queryParams(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(
                        URLDecoder.decode(k, StandardCharsets.UTF_8),
                        URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: ignore the parameter
            }
        }
        return params;
    }
}
