package io.condenser.jobs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** The MiniCluster's REST API, as the harness reads it: task states and checkpoints. */
final class BenchRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String job;

    BenchRest(int port, JobID job) {
        this.job = "http://127.0.0.1:" + port + "/jobs/" + job;
    }

    JsonNode checkpoints() throws IOException, InterruptedException {
        return get(job + "/checkpoints");
    }

    /**
     * Waits (bounded) until every subtask of every vertex runs (or finished): only then have all
     * source readers joined the direct source's listener, so connections spread over all of them.
     */
    void awaitAllRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = get(job);
            String state = details.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new IOException("job " + state);
            }
            boolean all = true;
            for (JsonNode v : details.path("vertices")) {
                // the bounded rule source may already have finished
                JsonNode tasks = v.path("tasks");
                int up = tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt();
                all &= up == v.path("parallelism").asInt();
            }
            if (all) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("job's tasks not all running within " + timeout);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }
}
