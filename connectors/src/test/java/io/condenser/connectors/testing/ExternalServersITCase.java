package io.condenser.connectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real receivers the other ITCases rely on start, take data and stop. */
class ExternalServersITCase {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void victoriaMetricsTakesLineProtocolAndExportsIt(@TempDir Path dir) throws Exception {
        try (VictoriaMetricsServer vm = new VictoriaMetricsServer(dir)) {
            vm.start();
            var r =
                    vm.post(
                            "/write",
                            "text/plain",
                            "cpu,host=a usage_idle=99.5 1700000000000000000\n"
                                    .getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(vm.export("{__name__=\"cpu_usage_idle\"}"))
                    .contains("\"host\":\"a\"")
                    .contains("99.5")
                    .contains("1700000000000");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void prometheusStartsWithTheRemoteWriteReceiver(@TempDir Path dir) throws Exception {
        try (PrometheusServer prom = new PrometheusServer(dir)) {
            prom.start();
            // An empty body is not a valid snappy frame: the receiver exists and says 400.
            assertThat(
                            prom.post("/api/v1/write", "application/x-protobuf", new byte[0])
                                    .statusCode())
                    .isEqualTo(400);
            assertThat(prom.query("vector(1)", 1_700_000_000).get(0).path("value").get(1).asText())
                    .isEqualTo("1");
        }
    }
}
