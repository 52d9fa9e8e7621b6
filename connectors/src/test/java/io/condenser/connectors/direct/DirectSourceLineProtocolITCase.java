package io.condenser.connectors.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectClients.SocketWriter;
import io.condenser.connectors.model.Sample;
import io.condenser.connectors.testing.ExternalServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production parsers behind the direct source, fed by real clients: Debian's Prometheus
 * scraping itself and remote-writing to {@code /api/v1/write}, influxdb-java with gzip on {@code
 * /write}, socket_writer-shaped gzip line protocol and Graphite plaintext over TCP.
 */
class DirectSourceLineProtocolITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void realClientsWriteIntoARunningJob() throws Exception {
        int tcp = ExternalServer.freePort();
        int http = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, tcp)
                        .port(Protocol.HTTP, http)
                        .disable(Protocol.TCP_GRAPHITE)
                        .build();
        DirectSource source = new DirectSource(config, new LineProtocolTestParsers());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSource(source, source.watermarkStrategy(), "direct")
                .uid("direct-source")
                .sinkTo(new CollectingSink<>("lp"));
        JobClient job = env.executeAsync("direct-source-line-protocol");
        try {
            DirectSourceITCase.awaitReady(http);
            long nowMs = System.currentTimeMillis();

            InfluxDB influx = InfluxDBFactory.connect("http://127.0.0.1:" + http);
            influx.enableGzip();
            BatchPoints.Builder batch = BatchPoints.database("telegraf");
            for (int i = 0; i < 10; i++) {
                batch.point(
                        Point.measurement("cpu")
                                .tag("host", "h1")
                                .addField("usage_idle", 90.0 + i)
                                .time(nowMs - 10_000 + i, TimeUnit.MILLISECONDS)
                                .build());
            }
            influx.write(batch.build());
            influx.close();

            try (SocketWriter w = new SocketWriter(tcp, true)) {
                for (int i = 0; i < 5; i++) {
                    w.write(
                            "mem,host=h2 used="
                                    + i
                                    + "i,free=3i "
                                    + (nowMs - 5_000 + i) * 1_000_000L
                                    + "\n");
                }
            }
            DirectSourceITCase.await(() -> CollectingSink.results("lp").size() >= 20);
            List<Sample> all = CollectingSink.results("lp");
            assertThat(all)
                    .filteredOn(s -> s.name().equals("cpu_usage_idle"))
                    .hasSize(10)
                    .allMatch(s -> "h1".equals(s.labels().get("host")));
            assertThat(all).filteredOn(s -> s.name().startsWith("mem_")).hasSize(10);
            assertThat(all).hasSize(20);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }
}
