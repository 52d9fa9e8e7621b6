package io.condenser.connectors.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectClients.SocketWriter;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production parsers behind the direct source, fed by real clients: Debian's Prometheus
 * scraping itself and remote-writing to {@code /api/v1/write}, influxdb-java with gzip on {@code
 * /write}, socket_writer-shaped gzip line protocol and Graphite plaintext over TCP.
 */
class DirectSourceRealClientsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void realClientsWriteIntoARunningJob() throws Exception {
        int tcp = ExternalServer.freePort();
        int http = ExternalServer.freePort();
        int graphite = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, tcp)
                        .port(Protocol.HTTP, http)
                        .port(Protocol.TCP_GRAPHITE, graphite)
                        .build();
        DirectSource source = new DirectSource(config, new DefaultDirectParsers());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "direct")
                .uid("direct-source")
                .sinkTo(new CollectingSink<>("real"));
        JobClient job = env.executeAsync("direct-source-real-clients");
        int promPort = ExternalServer.freePort();
        try (PrometheusServer prometheus =
                new PrometheusServer(
                        dir.resolve("prometheus"),
                        "scrape_configs:\n"
                                + "  - job_name: self\n"
                                + "    static_configs:\n"
                                + "      - targets: ['127.0.0.1:"
                                + promPort
                                + "']\n"
                                + "remote_write:\n"
                                + "  - url: http://127.0.0.1:"
                                + http
                                + "/api/v1/write\n"
                                + "    queue_config:\n"
                                + "      batch_send_deadline: 1s\n"
                                + "      min_backoff: 100ms\n")) {
            DirectSourceITCase.awaitReady(http);
            long nowMs = System.currentTimeMillis();

            RealClientTraffic.send(http, tcp, nowMs);
            try (SocketWriter w = new SocketWriter(graphite, false)) {
                w.write("servers.h3.load 0.5 " + (nowMs / 1000 - 5) + "\n");
            }

            prometheus.start(promPort);
            String instance = "127.0.0.1:" + promPort;
            DirectSourceITCase.await(
                    () ->
                            CollectingSink.<Sample>results("real").stream()
                                    .anyMatch(
                                            s ->
                                                    s.name().equals("up")
                                                            && instance.equals(
                                                                    s.labels().get("instance"))));
            List<Sample> all = CollectingSink.results("real");
            RealClientTraffic.assertArrived(all);
            assertThat(all)
                    .filteredOn(s -> s.value() == 0.5 && s.name().contains("load"))
                    .hasSize(1);
            Sample up =
                    all.stream()
                            .filter(s -> s.name().equals("up"))
                            .filter(s -> instance.equals(s.labels().get("instance")))
                            .findFirst()
                            .orElseThrow();
            assertThat(up.labels().get("job")).isEqualTo("self");
            assertThat(up.value()).isEqualTo(1.0);
            assertThat(all)
                    .anyMatch(
                            s ->
                                    s.name().equals("prometheus_build_info")
                                            && s.labels().get("version") != null);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }
}
