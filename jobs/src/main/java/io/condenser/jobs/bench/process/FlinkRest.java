package io.condenser.jobs.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink cluster's REST API on loopback, read the way the web UI reads it: job details and subtask
 * metrics. {@link FlinkCluster} watches its jobs through it; tests that start the cluster with the
 * user-facing scripts use it on its own.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(int port) {
        this.port = port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The job's REST details ({@code /jobs/:id}). */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    /**
     * The sum over a vertex's subtasks (vertex by name fragment) of an operator metric whose id
     * ends with {@code suffix} (e.g. {@code tcpSamplesAtRisk}), -1 when it has none (yet).
     */
    public long subtaskMetricSum(String jobId, String vertexName, String suffix)
            throws IOException, InterruptedException {
        for (JsonNode v : job(jobId).path("vertices")) {
            if (!v.path("name").asText().contains(vertexName)) {
                continue;
            }
            String base =
                    "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode m : get(base)) {
                if (m.path("id").asText().endsWith(suffix)) {
                    ids.add(m.path("id").asText());
                }
            }
            if (ids.isEmpty()) {
                return -1;
            }
            long sum = 0;
            for (JsonNode m : get(base + "?agg=sum&get=" + String.join(",", ids))) {
                sum += (long) m.path("sum").asDouble();
            }
            return sum;
        }
        return -1;
    }

    /** GET {@code path}; a status other than 2xx is an IOException with the body. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * PATCH {@code path} with no body (e.g. {@code /jobs/:id?mode=cancel}); the answer is dropped.
     */
    public void patch(String path) throws IOException, InterruptedException {
        HttpRequest req =
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build();
        http.send(req, HttpResponse.BodyHandlers.discarding());
    }

    private URI uri(String path) {
        return URI.create(url() + path);
    }
}
