package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./condenser run --remote-write-url URL}, in process, against a real Prometheus 2.42
 * (Debian package, on a free loopback port): the aggregated series land in Prometheus, and nothing
 * is printed.
 */
class LocalRunRemoteWriteITCase {

    private static final String QUERY = "{__name__=~\"test_value.*\", host=\"h2\"}";

    @Test
    @Timeout(240)
    void aggregatedSeriesArriveInPrometheus(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("test.yaml"), LocalRunITCase.RULES);
        try (PrometheusServer prometheus = new PrometheusServer(dir.resolve("prometheus"))) {
            prometheus.start();
            JobConfig config =
                    JobConfig.builder()
                            .direct(LocalRunDriver.loopbackLineProtocolOnly())
                            .rulesPath(rules.toString())
                            .remoteWrite(w -> w.urls(List.of(prometheus.remoteWriteUrl())))
                            .checkpointInterval(Duration.ofSeconds(1))
                            .checkpointDir(dir.resolve("checkpoints").toUri().toString())
                            .parallelism(1) // the TaskManager gets exactly this many slots
                            .build();
            long deadline = System.currentTimeMillis() + 200_000;
            JsonNode[] result = {null};
            try (LocalRunDriver driver = new LocalRunDriver(config, deadline)) {
                String output =
                        driver.feedUntil(
                                LocalRunITCase.LINES,
                                o -> {
                                    result[0] = query(prometheus);
                                    return result[0] != null && result[0].size() > 0;
                                },
                                deadline);
                assertThat(output).doesNotContain("test_value");
            }
            assertThat(result[0]).as("series in Prometheus").isNotNull();
            assertThat(result[0].size()).isEqualTo(1);
            JsonNode series = result[0].get(0);
            assertThat(series.path("metric").path("__name__").asText()).startsWith("test_value");
            // h2 sends 5 every 200 ms: each 1 s window's sum is a positive multiple of 5
            double value = Double.parseDouble(series.path("value").get(1).asText());
            assertThat(value % 5).isZero();
            assertThat(value).isPositive();
        }
    }

    private static JsonNode query(PrometheusServer prometheus) {
        try {
            return prometheus.query(QUERY, System.currentTimeMillis() / 1000.0);
        } catch (Exception e) {
            return null;
        }
    }
}
