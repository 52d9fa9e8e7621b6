package io.condenser.jobs.bench;

import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSink;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The job's sink for one run. {@code sink=discard}: {@link LatencySink}. {@code sink=prometheus}: a
 * real Debian Prometheus (2.42, remote-write receiver on, in a temporary directory, started and
 * stopped here) and the production remote-write sink built as {@code CondenserJob} builds it
 * (at-least-once, defaults otherwise), with latency recorded by {@link TimedRemoteWriteSink}. What
 * Prometheus stored is read from its own {@code prometheus_tsdb_head_samples_appended_total} (it
 * scrapes nothing, so every appended sample came over remote write).
 */
final class BenchSinks implements AutoCloseable {

    private static final String APPENDED = "prometheus_tsdb_head_samples_appended_total";

    private final Path dir;
    private final PrometheusServer prometheus;
    private final Sink<Sample> sink;

    private BenchSinks(Path dir, PrometheusServer prometheus, Sink<Sample> sink) {
        this.dir = dir;
        this.prometheus = prometheus;
        this.sink = sink;
    }

    static BenchSinks start(BenchOptions.Output output) throws IOException, InterruptedException {
        if (output == BenchOptions.Output.DISCARD) {
            return new BenchSinks(null, null, new LatencySink());
        }
        Path dir = Files.createTempDirectory("condenser-bench-prometheus-");
        PrometheusServer prometheus = new PrometheusServer(dir);
        prometheus.start();
        PrometheusRemoteWriteSink remoteWrite =
                PrometheusRemoteWriteSink.builder().endpoint(prometheus.remoteWriteUrl()).build();
        return new BenchSinks(dir, prometheus, new TimedRemoteWriteSink(remoteWrite));
    }

    Sink<Sample> sink() {
        return sink;
    }

    /** Samples Prometheus has appended to its head block so far, -1 without Prometheus. */
    long prometheusSamplesAppended() throws IOException, InterruptedException {
        if (prometheus == null) {
            return -1;
        }
        // one line per sample type (float, histogram) in 2.42
        double sum = 0;
        for (String line : prometheus.get("/metrics").split("\n")) {
            if (line.startsWith(APPENDED)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    @Override
    public void close() throws Exception {
        if (prometheus == null) {
            return;
        }
        prometheus.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
