package io.condenser.connectors.direct.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer to one HTTP request, before it is written: status, extra headers, an optional body.
 * Error bodies are Influx-style JSON ({@code {"error":"..."}}), which Telegraf and the Influx
 * clients log as they are.
 */
record HttpResponse(int status, Map<String, String> headers, String contentType, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HttpResponse {
        headers = Map.copyOf(headers);
    }

    static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), null, null);
    }

    static HttpResponse text(int status, String contentType, String body) {
        return new HttpResponse(status, Map.of(), contentType, body);
    }

    static HttpResponse error(int status, String message) {
        String body = JSON.createObjectNode().put("error", message).toString();
        return new HttpResponse(status, Map.of(), "application/json", body);
    }

    /** 503 (or 429) with {@code Retry-After}: nothing of the request was taken, retry later. */
    static HttpResponse retryLater(int status, String message, String retryAfterSeconds) {
        return error(status, message).with("Retry-After", retryAfterSeconds);
    }

    HttpResponse with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new HttpResponse(status, h, contentType, body);
    }
}
