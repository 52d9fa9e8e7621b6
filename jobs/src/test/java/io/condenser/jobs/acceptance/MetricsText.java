package io.condenser.jobs.acceptance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scrape of a Prometheus metrics endpoint ({@code ./condenser run --metrics-port}, or Flink's
 * reporter on a cluster), read as a scraper reads it: metric name → the sum of its samples' values
 * (over all label sets).
 */
public record MetricsText(String text, Map<String, Double> sums) {

    /**
     * How Flink's Prometheus reporter prefixes a metric of an operator's group: {@code OPERATOR +
     * DirectSourceMetrics.SAMPLES_RECEIVED} is what a scrape calls the direct source's samples.
     */
    public static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static MetricsText scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET :" + port + "/metrics -> " + r.statusCode());
        }
        return parse(r.body());
    }

    /** Several endpoints (a cluster's JobManager and TaskManager) as one. */
    public static MetricsText scrapeAll(int... ports) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (int port : ports) {
            all.append(scrape(port).text());
        }
        return parse(all.toString());
    }

    static MetricsText parse(String text) {
        Map<String, Double> sums = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = line.substring(0, brace >= 0 ? brace : line.indexOf(' '));
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            sums.merge(name, value, Double::sum);
        }
        return new MetricsText(text, sums);
    }

    public boolean has(String name) {
        return sums.containsKey(name);
    }

    /** The sum over every label set; 0 when absent. */
    public double sum(String name) {
        return sums.getOrDefault(name, 0.0);
    }
}
