package io.condenser.connectors.direct;

import static io.condenser.connectors.direct.SimpleTestParsers.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectClients.SocketWriter;
import io.condenser.connectors.eventtime.EventTimeConfig;
import io.condenser.connectors.eventtime.EventTimeSource;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.model.Sample;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running job at parallelism 2 takes writes from the influxdb-java client (HTTP, gzip on), a
 * socket_writer-shaped TCP connection (gzip member per metric) and Graphite over TCP, and its
 * per-split watermarks (with idleness) close event-time windows.
 */
class DirectSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void agentsWriteIntoARunningJob() throws Exception {
        int tcp = ExternalServer.freePort();
        int http = ExternalServer.freePort();
        int graphite = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, tcp)
                        .port(Protocol.HTTP, http)
                        .port(Protocol.TCP_GRAPHITE, graphite)
                        .outOfOrderness(Duration.ZERO)
                        .idleness(Duration.ofSeconds(1))
                        .build();
        DirectSource source = new DirectSource(config, new SimpleTestParsers());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // event time per connection; the stream stops at the end, so the idle timeout (short
        // here) closes its last windows
        EventTimeSource<Sample, ?, ?> timed =
                EventTimeSource.of(
                        source,
                        EventTimeConfig.builder()
                                .outOfOrderness(Duration.ZERO)
                                .idleness(Duration.ofSeconds(1))
                                .idleTimeout(Duration.ofSeconds(2))
                                .build(),
                        (s, ts) -> s.timestampMs(),
                        SampleTypeInfo.INSTANCE);
        DataStream<Sample> samples =
                env.fromSource(timed, timed.watermarkStrategy(), "direct").uid("direct-source");
        samples.sinkTo(new CollectingSink<>("all")).name("all");
        samples.keyBy(Sample::name)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .process(new CountPerWindow())
                .uid("count")
                .sinkTo(new CollectingSink<>("windows"));
        JobClient job = env.executeAsync("direct-source-it");
        try {
            awaitReady(http);
            long t0 = (System.currentTimeMillis() / 1000) * 1000 - 60_000;

            InfluxDB influx = InfluxDBFactory.connect("http://127.0.0.1:" + http);
            influx.enableGzip();
            BatchPoints.Builder batch = BatchPoints.database("telegraf");
            for (int i = 0; i < 100; i++) {
                batch.point(
                        Point.measurement("cpu")
                                .tag("host", "h1")
                                .addField("usage", i)
                                .time(t0 + i * 10L, TimeUnit.MILLISECONDS)
                                .build());
            }
            influx.write(batch.build());
            influx.close();

            try (SocketWriter w = new SocketWriter(tcp, true)) {
                for (int i = 0; i < 50; i++) {
                    w.write(line("tcp_m", i, t0 + i));
                }
            }
            try (SocketWriter w = new SocketWriter(graphite, false)) {
                for (int i = 0; i < 20; i++) {
                    w.write(line("graphite_m", i, t0 + i));
                }
            }
            await(() -> CollectingSink.<Sample>results("all").size() >= 170);
            List<Sample> all = CollectingSink.results("all");
            assertThat(all).hasSize(170);
            assertThat(all)
                    .filteredOn(s -> s.name().equals("cpu_usage"))
                    .hasSize(100)
                    .allMatch(s -> "h1".equals(s.labels().get("host")));
            assertThat(all).filteredOn(s -> s.name().equals("tcp_m")).hasSize(50);
            assertThat(all).filteredOn(s -> s.name().equals("graphite_m")).hasSize(20);

            // a later sample moves the watermark; idle splits do not hold it back
            DirectClients.post(http, "/write", line("cpu_usage", 0, t0 + 5000));
            await(() -> CollectingSink.<String>results("windows").size() >= 3);
            assertThat(CollectingSink.<String>results("windows"))
                    .contains(
                            "cpu_usage@" + t0 + "=100",
                            "tcp_m@" + t0 + "=50",
                            "graphite_m@" + t0 + "=20");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    static void awaitReady(int httpPort) throws Exception {
        await(
                () -> {
                    try {
                        return DirectClients.get(httpPort, "/-/ready").statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** {@code name@windowStart=count}. */
    static final class CountPerWindow
            extends ProcessWindowFunction<Sample, String, String, TimeWindow> {
        @Override
        public void process(String name, Context ctx, Iterable<Sample> in, Collector<String> out) {
            long n = 0;
            for (Sample ignored : in) {
                n++;
            }
            out.collect(name + "@" + ctx.window().getStart() + "=" + n);
        }
    }
}
