package io.condenser.connectors.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectClients.SocketWriter;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;

/**
 * The line-protocol traffic the real-client ITCases send into a running direct source, and what
 * must arrive of it: ten points from influxdb-java with gzip on {@code /write} (host h1), and five
 * two-field lines shaped like Telegraf's socket_writer with gzip over TCP (host h2).
 */
final class RealClientTraffic {

    /** Samples {@link #send} produces: 10 from influxdb-java, 5 lines × 2 fields over TCP. */
    static final int SAMPLES = 20;

    private RealClientTraffic() {}

    /** Sends both clients' traffic, timestamped a few seconds before {@code nowMs}. */
    static void send(int httpPort, int tcpPort, long nowMs) throws IOException {
        InfluxDB influx = InfluxDBFactory.connect("http://127.0.0.1:" + httpPort);
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

        try (SocketWriter w = new SocketWriter(tcpPort, true)) {
            for (int i = 0; i < 5; i++) {
                w.write(
                        "mem,host=h2 used="
                                + i
                                + "i,free=3i "
                                + (nowMs - 5_000 + i) * 1_000_000L
                                + "\n");
            }
        }
    }

    /** Asserts that all of {@link #send}'s samples are among {@code all}. */
    static void assertArrived(List<Sample> all) {
        assertThat(all)
                .filteredOn(s -> s.name().equals("cpu_usage_idle"))
                .hasSize(10)
                .allMatch(s -> "h1".equals(s.labels().get("host")));
        assertThat(all).filteredOn(s -> s.name().startsWith("mem_")).hasSize(10);
    }
}
