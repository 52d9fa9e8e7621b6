package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSink;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with PromQL: the same raw data goes (a) straight into a real Prometheus 2.42 by
 * remote-write and (b) through the pipeline and the real remote-write sink into the same
 * Prometheus. For every window and {@code service}, Condenser's output sample (stamped at the
 * window end {@code t}) equals this PromQL, evaluated at {@code t}:
 *
 * <pre>
 * output         PromQL at t = window end
 * sum_samples    sum by (service) (sum_over_time(g[1m]))
 * count_samples  sum by (service) (count_over_time(g[1m]))
 * min            min by (service) (min_over_time(g[1m]))
 * max            max by (service) (max_over_time(g[1m]))
 * avg            sum by (service) (sum_over_time(g[1m])) / sum by (service) (count_over_time(g[1m]))
 * count_series   count by (service) (count_over_time(g[1m]))
 * increase       sum by (service) (increase(c[1m] offset 5s))
 * rate_sum       sum by (service) (rate(c[1m] offset 5s))
 * </pre>
 *
 * Why these exact forms: samples sit at offsets 5 s, 15 s, …, 55 s of each minute, never on a
 * window boundary, so Condenser's {@code [start, end)} and PromQL's range (closed {@code [t-1m, t]}
 * in 2.x, left-open in 3.x) select the same samples. {@code increase} and {@code rate_sum} count
 * the delta from the previous window's last sample (at {@code start - 5s}) to the window's last one
 * ({@code end - 5s}); {@code c[1m] offset 5s} at {@code t = end} selects exactly those samples,
 * both at the range's edges, so PromQL's extrapolation factor is exactly 1 and its reset handling
 * equals Condenser's deltas; Condenser's rate divides by that same 60 s. The first window is not
 * compared for counters: Condenser counts a new series' first value (from 0), PromQL has no sample
 * before it.
 */
class PromqlParityITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final String GAUGE = "parity_gauge";
    static final String COUNTER = "parity_requests_total";
    static final int WINDOWS = 6;

    static final String RULES =
            """
            rules:
              - name: gauges
                match: parity_gauge
                interval: 1m
                by: [service]
                outputs: [sum_samples, count_samples, min, max, avg, count_series]
              - name: counters
                match: parity_requests_total
                interval: 1m
                by: [service]
                outputs: [increase, rate_sum]
            """;

    /** Output suffix → the PromQL it must equal, and whether the first window is compared. */
    static final Map<String, String> QUERIES = new TreeMap<>();

    static {
        String g = GAUGE;
        String c = COUNTER;
        QUERIES.put(
                g + ":1m_by_service_sum_samples",
                "sum by (service) (sum_over_time(" + g + "[1m]))");
        QUERIES.put(
                g + ":1m_by_service_count_samples",
                "sum by (service) (count_over_time(" + g + "[1m]))");
        QUERIES.put(g + ":1m_by_service_min", "min by (service) (min_over_time(" + g + "[1m]))");
        QUERIES.put(g + ":1m_by_service_max", "max by (service) (max_over_time(" + g + "[1m]))");
        QUERIES.put(
                g + ":1m_by_service_avg",
                "sum by (service) (sum_over_time("
                        + g
                        + "[1m])) / sum by (service) (count_over_time("
                        + g
                        + "[1m]))");
        QUERIES.put(
                g + ":1m_by_service_count_series",
                "count by (service) (count_over_time(" + g + "[1m]))");
        QUERIES.put(
                c + ":1m_by_service_increase",
                "sum by (service) (increase(" + c + "[1m] offset 5s))");
        QUERIES.put(
                c + ":1m_by_service_rate_sum", "sum by (service) (rate(" + c + "[1m] offset 5s))");
    }

    @TempDir Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void outputsEqualPromql() throws Exception {
        // recent enough for Prometheus' head block (it rejects samples too old), aligned to 1m
        long t0 = (System.currentTimeMillis() - 30 * 60_000L) / 60_000L * 60_000L;
        List<Sample> raw = input(t0);
        try (PrometheusServer prometheus = new PrometheusServer(dir.resolve("prometheus"))) {
            prometheus.start();
            writeRaw(prometheus.remoteWriteUrl(), raw);
            PipelineRunner.run(
                    dir.resolve("checkpoints"),
                    PipelineSettings.defaults(),
                    raw,
                    List.of(PipelineRunner.rules(1, RULES)),
                    1_000,
                    PrometheusRemoteWriteSink.builder()
                            .endpoint(prometheus.remoteWriteUrl())
                            .maxBatchDelay(Duration.ofMillis(100))
                            .build());

            Map<String, Double> condenser = condenserSeries(prometheus, t0);
            int compared = 0;
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                boolean counter = q.getKey().startsWith(COUNTER);
                for (int w = counter ? 1 : 0; w < WINDOWS; w++) {
                    long end = t0 + (w + 1) * 60_000L;
                    JsonNode result = prometheus.query(q.getValue(), end / 1000.0);
                    assertThat(result.size()).as(q.getValue() + " @" + end).isEqualTo(2);
                    for (JsonNode series : result) {
                        String service = series.path("metric").path("service").asText();
                        double want = Double.parseDouble(series.path("value").get(1).asText());
                        String key = q.getKey() + "{service=" + service + "} @" + end;
                        assertThat(condenser).as("Condenser wrote " + key).containsKey(key);
                        double got = condenser.get(key);
                        assertThat(Math.abs(got - want))
                                .as(
                                        key
                                                + ": Condenser "
                                                + got
                                                + ", PromQL "
                                                + want
                                                + " = "
                                                + q.getValue())
                                .isLessThanOrEqualTo(1e-9 * Math.abs(want));
                        compared++;
                    }
                }
            }
            // 6 gauge outputs × 6 windows + 2 counter outputs × 5 windows, 2 services each
            assertThat(compared).isEqualTo(2 * (6 * WINDOWS + 2 * (WINDOWS - 1)));
        }
    }

    /**
     * 3 pods × 2 services, one gauge and one counter each, a sample every 10 s at offsets 5 s … 55
     * s of each minute; two counter resets: one inside a window, one on a window's first sample.
     */
    static List<Sample> input(long t0) {
        List<Sample> in = new ArrayList<>();
        double[] counters = new double[6];
        for (int step = 0; step < WINDOWS * 6; step++) {
            long ts = t0 + 5_000 + step * 10_000L;
            for (int s = 0; s < 2; s++) {
                for (int p = 0; p < 3; p++) {
                    int i = s * 3 + p;
                    Labels labels = Labels.of("service", "svc" + s, "pod", "p" + p);
                    double gauge = 10 + p * 1.5 + (step % 5) * 0.25 - s * 13;
                    in.add(Sample.of(GAUGE, labels, ts, gauge));
                    if (step == 0) {
                        counters[i] = 100 * (i + 1);
                    } else if (i == 1 && step == 20) {
                        counters[i] = 2; // reset inside window 3
                    } else if (i == 3 && step == 24) {
                        counters[i] = 1; // reset on window 4's first sample
                    } else {
                        counters[i] += step % 4 + i + 1;
                    }
                    in.add(Sample.of(COUNTER, labels, ts, counters[i]));
                }
            }
        }
        return in;
    }

    private static void writeRaw(String url, List<Sample> samples) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-protobuf")
                        .header("Content-Encoding", "snappy")
                        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                        .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                        RemoteWriteRequestEncoder.encode(samples)))
                        .build();
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    /** Every sample of Condenser's outputs, keyed {@code name{service=…} @endMs}. */
    private static Map<String, Double> condenserSeries(PrometheusServer prometheus, long t0)
            throws Exception {
        double at = (t0 + 20 * 60_000L) / 1000.0;
        JsonNode result = prometheus.query("{__name__=~\"parity_.*:1m_by_service_.*\"}[20m]", at);
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode series : result) {
            String name = series.path("metric").path("__name__").asText();
            String service = series.path("metric").path("service").asText();
            for (JsonNode v : series.path("values")) {
                long ts = Math.round(v.get(0).asDouble() * 1000);
                out.put(
                        name + "{service=" + service + "} @" + ts,
                        Double.parseDouble(v.get(1).asText()));
            }
        }
        assertThat(out).as("Condenser's outputs in Prometheus").isNotEmpty();
        return out;
    }
}
