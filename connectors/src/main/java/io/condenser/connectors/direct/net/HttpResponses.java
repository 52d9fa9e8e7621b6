package io.condenser.connectors.direct.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.condenser.connectors.direct.reader.DirectSourceMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Sends a response, counts it by status, and never throws (the client may be gone). */
final class HttpResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponses() {}

    static void empty(HttpExchange ex, int status, DirectSourceMetrics metrics) {
        send(ex, status, null, null, metrics);
    }

    /** An Influx-style error body: {@code {"error":"..."}}. */
    static void error(HttpExchange ex, int status, String message, DirectSourceMetrics metrics) {
        ObjectNode node = JSON.createObjectNode().put("error", message);
        send(ex, status, "application/json", node.toString(), metrics);
    }

    static void send(
            HttpExchange ex,
            int status,
            String contentType,
            String body,
            DirectSourceMetrics metrics) {
        if (metrics != null) {
            metrics.response(status);
        }
        try {
            if (contentType != null) {
                ex.getResponseHeaders().set("Content-Type", contentType);
            }
            if (body == null) {
                ex.sendResponseHeaders(status, -1);
            } else {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; its retry is its business
        } finally {
            ex.close();
        }
    }
}
