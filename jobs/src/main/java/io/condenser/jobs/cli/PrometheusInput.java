package io.condenser.jobs.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.condenser.connectors.exposition.ExpositionTextParser;
import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.StreamParsing;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Reads a live Prometheus-compatible server (Prometheus, VictoriaMetrics, Thanos/Mimir query
 * frontends) for {@code rules preview --from-prometheus}:
 *
 * <ul>
 *   <li>{@link #series}: {@code /api/v1/series} for the matchers and a time range: every series
 *       that existed in the range, names and labels only (no samples);
 *   <li>{@link #federate}: {@code /federate} for the matchers: the latest sample of every series
 *       the server currently has (within its lookback, 5 minutes by default), with its timestamp.
 * </ul>
 */
final class PrometheusInput {

    enum Read {
        SERIES,
        FEDERATE
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final String base;
    private final List<String> matchers;

    PrometheusInput(String baseUrl, List<String> matchers) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.matchers = List.copyOf(matchers);
    }

    /** What {@code read} asks for, for messages and the report: {@code GET /federate?...}. */
    String describe(Read read, Instant start, Instant end) {
        return base + (read == Read.SERIES ? seriesPath(start, end) : federatePath());
    }

    /** Every series of {@code [start, end]}: metric name and labels, to {@code out}. */
    void series(Instant start, Instant end, BiConsumer<String, Map<String, String>> out)
            throws IOException {
        try (InputStream body = InputSource.get(URI.create(base + seriesPath(start, end)));
                JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "an object");
            String status = null;
            boolean sawData = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("status")) {
                    status = p.getText();
                } else if (field.equals("data")) {
                    expect(p.currentToken() == JsonToken.START_ARRAY, "data to be an array");
                    sawData = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readSeries(p, out);
                    }
                } else {
                    p.skipChildren();
                }
            }
            expect("success".equals(status) && sawData, "status success and data");
        }
    }

    private static void readSeries(JsonParser p, BiConsumer<String, Map<String, String>> out)
            throws IOException {
        Map<String, String> labels = new TreeMap<>();
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String label = p.currentName();
            p.nextToken();
            if (label.equals("__name__")) {
                name = p.getText();
            } else {
                labels.put(label, p.getText());
            }
        }
        if (name != null) {
            out.accept(name, labels);
        }
    }

    /** The latest sample of every current series, parsed from the text exposition format. */
    void federate(LongSupplier clockMs, ParseListener listener) throws IOException {
        try (InputStream body = InputSource.get(URI.create(base + federatePath()))) {
            StreamParsing.parse(
                    body, InputFormat.Framing.LINES, new ExpositionTextParser(clockMs), listener);
        }
    }

    private String seriesPath(Instant start, Instant end) {
        return "/api/v1/series?"
                + matchParams()
                + "&start="
                + seconds(start)
                + "&end="
                + seconds(end);
    }

    private String federatePath() {
        return "/federate?" + matchParams();
    }

    private String matchParams() {
        StringBuilder sb = new StringBuilder();
        for (String m : matchers) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append("match[]=").append(URLEncoder.encode(m, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String seconds(Instant t) {
        return t.getEpochSecond()
                + (t.getNano() == 0 ? "" : String.format(".%03d", t.getNano() / 1_000_000));
    }

    private static void expect(boolean ok, String what) throws IOException {
        if (!ok) {
            throw new IOException("unexpected /api/v1/series answer: expected " + what);
        }
    }
}
