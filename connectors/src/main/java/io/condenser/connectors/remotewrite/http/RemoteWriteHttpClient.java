package io.condenser.connectors.remotewrite.http;

import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.util.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Posts remote-write bodies to one endpoint with the JDK's {@link HttpClient} (HTTP/1.1, kept-alive
 * connections): the protocol headers, credentials, extra headers and TLS trust of one {@link
 * EndpointConfig}.
 */
public final class RemoteWriteHttpClient implements AutoCloseable {

    /** What the receiver answered. {@code retryAfterMs} is negative when absent. */
    public record Response(int status, String body, long retryAfterMs) {}

    /** Bodies are only logged and matched; a receiver's HTML error page need not be kept whole. */
    private static final int MAX_BODY_CHARS = 4096;

    private final EndpointConfig endpoint;
    private final URI uri;
    private final Duration requestTimeout;
    private final String userAgent;
    private final String basicUser;
    private final SecretFile basicPassword;
    private final SecretFile bearerToken;
    private final HttpClient client;

    public RemoteWriteHttpClient(EndpointConfig endpoint, Duration requestTimeout, String userAgent)
            throws IOException {
        this.endpoint = endpoint;
        this.uri = URI.create(endpoint.url());
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
        this.basicUser = endpoint.basicAuthUser();
        this.basicPassword =
                endpoint.basicAuthPasswordFile() == null
                        ? null
                        : new SecretFile(Path.of(endpoint.basicAuthPasswordFile()));
        this.bearerToken =
                endpoint.bearerTokenFile() == null
                        ? null
                        : new SecretFile(Path.of(endpoint.bearerTokenFile()));
        HttpClient.Builder b =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(requestTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER);
        if (endpoint.url().startsWith("https://")) {
            b.sslContext(TlsContexts.client(endpoint));
        }
        this.client = b.build();
    }

    /** The {@code Authorization} header, read from its file now (rotated secrets apply). */
    private String authorization() throws IOException {
        if (bearerToken != null) {
            return "Bearer " + bearerToken.read();
        }
        if (basicUser != null) {
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (basicUser + ":" + basicPassword.read())
                                            .getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    public String url() {
        return endpoint.url();
    }

    /**
     * Posts one compressed body.
     *
     * @throws IOException on a connection failure or timeout (the caller retries)
     */
    public Response post(byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder rb =
                HttpRequest.newBuilder(uri)
                        .timeout(requestTimeout)
                        .header("Content-Encoding", "snappy")
                        .header("Content-Type", "application/x-protobuf")
                        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                        .header("User-Agent", userAgent)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> h : endpoint.headers().entrySet()) {
            rb.setHeader(h.getKey(), h.getValue());
        }
        String authorization = authorization();
        if (authorization != null) {
            rb.setHeader("Authorization", authorization);
        }
        HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        String text = r.body() == null ? "" : r.body();
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS);
        }
        long retryAfter =
                r.headers()
                        .firstValue("Retry-After")
                        .map(v -> parseRetryAfter(v, System.currentTimeMillis()))
                        .orElse(-1L);
        return new Response(r.statusCode(), text.strip(), retryAfter);
    }

    /** Retry-After is either delay-seconds or an HTTP date; returns ms, or -1 when unparsable. */
    public static long parseRetryAfter(String value, long nowMs) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? -1 : seconds * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                long at =
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant()
                                .toEpochMilli();
                return Math.max(0, at - nowMs);
            } catch (RuntimeException notDate) {
                return -1;
            }
        }
    }

    @Override
    public void close() {
        // HttpClient.close() exists from Java 21 only; on 17 its threads end once unreferenced.
    }
}
