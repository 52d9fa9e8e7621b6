package io.condenser.jobs.bench;

import io.condenser.connectors.direct.DefaultDirectParsers;
import io.condenser.connectors.direct.DirectSource;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.eventtime.EventTimeConfig;
import io.condenser.connectors.eventtime.EventTimeSource;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.model.Sample;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code source=direct}: the production {@link DirectSource} (Influx line protocol over TCP only,
 * on a free 127.0.0.1 port, watermarks from {@link DirectSource#watermarkStrategy()}) fed by the
 * in-repo {@link LineProtocolLoadGenerator} running in this JVM with no rate limit, so TCP flow
 * control holds it to what the source accepts.
 *
 * <p>The generator sends its {@code telegraf} mix (cpu, disk, diskio, net and http inputs: the
 * metrics the benchmark rules select, gauges and counters), {@code connections × hosts × 100}
 * series. One connection per source subtask (the source hands connections to its readers
 * round-robin); hosts are chosen so the series are the requested number rounded up. The watermark's
 * out-of-orderness is 100 ms as in {@code source=generator} (the job's default of 5 s would add 5 s
 * to every latency); timestamps are the wall clock at batch generation, as there.
 *
 * <p>Accepted samples are the source's {@code direct_samples_received} counters (summed over the
 * subtasks, read live through {@link BenchMetricReporter}): samples parsed and queued for the job,
 * not what the generator wrote and still sat in socket buffers.
 */
final class DirectTraffic implements BenchTraffic {

    private static final LineProtocolLoadGenerator.Mix MIX = LineProtocolLoadGenerator.Mix.TELEGRAF;
    private static final int SERIES_PER_HOST = MIX.seriesPerHost();

    private final int port;
    private final int connections;
    private final int hosts;
    private final Duration duration;
    private final ExecutorService runner =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "bench-load-generator");
                        t.setDaemon(true);
                        return t;
                    });
    private Future<LineProtocolLoadGenerator.Result> run;

    /**
     * @param duration how long the generator sends: warm-up and measurement plus a margin, after
     *     which it stops by itself and reports what it sent
     */
    DirectTraffic(int series, int parallelism, Duration duration) throws IOException {
        this.port = ExternalServer.freePort();
        this.connections = parallelism;
        this.hosts =
                Math.max(
                        1,
                        (series + connections * SERIES_PER_HOST - 1)
                                / (connections * SERIES_PER_HOST));
        this.duration = duration;
    }

    @Override
    public DataStream<Sample> attach(StreamExecutionEnvironment env) {
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, port)
                        .disable(Protocol.HTTP)
                        .disable(Protocol.TCP_GRAPHITE)
                        .outOfOrderness(Duration.ofMillis(100))
                        .build();
        DirectSource source = new DirectSource(config, DefaultDirectParsers.forConfig(config));
        EventTimeSource<Sample, ?, ?> timed =
                EventTimeSource.of(
                        source,
                        EventTimeConfig.builder().outOfOrderness(Duration.ofMillis(100)).build(),
                        (s, ts) -> s.timestampMs(),
                        SampleTypeInfo.INSTANCE);
        return env.fromSource(timed, timed.watermarkStrategy(), "direct-source");
    }

    @Override
    public void start(BenchRest rest) throws Exception {
        rest.awaitAllRunning(Duration.ofSeconds(60));
        // a running reader joins the listener once the enumerator assigned its split: moments
        Thread.sleep(1000);
        LineProtocolLoadGenerator generator =
                new LineProtocolLoadGenerator(
                        new LineProtocolLoadGenerator.Options(
                                URI.create("tcp://127.0.0.1:" + port),
                                connections,
                                0,
                                duration,
                                1000,
                                hosts,
                                false,
                                0,
                                MIX));
        run = runner.submit(generator::run);
        // a reader without a connection would hold the watermark back until it goes idle; shorter
        // than the generator's margin past the measurement
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        List<Integer> open = BenchMetricReporter.directOpenConnections();
        while (System.nanoTime() < deadline && (open.isEmpty() || open.contains(0))) {
            Thread.sleep(100);
            open = BenchMetricReporter.directOpenConnections();
        }
        System.out.printf(
                "direct source: %d series over %d connections, per subtask %s%n",
                series(), connections, open);
    }

    @Override
    public long accepted() {
        return BenchMetricReporter.directSamplesReceived();
    }

    @Override
    public int series() {
        return connections * hosts * SERIES_PER_HOST;
    }

    /** Waits (bounded) for the generator to end by itself; -1 if it failed or did not. */
    @Override
    public long loadGeneratorSamplesSent() {
        try {
            return run.get(duration.toSeconds() + 30, TimeUnit.SECONDS).samples();
        } catch (Exception e) {
            System.out.println("load generator: " + e);
            return -1;
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
