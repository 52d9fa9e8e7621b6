package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.writer.RemoteWriteSinkWriter;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * Throughput of one sink writer (one subtask) against a local Prometheus 2.42 started here: prints
 * samples/s and request latency p50/p99. Not a test; run with
 *
 * <pre>
 * mvn -B -o test-compile exec:java -pl connectors -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.condenser.connectors.remotewrite.RemoteWriteThroughputHarness \
 *   -Dexec.args="1000 500000 2000 1"    # series, samples, max batch samples, concurrent requests
 * </pre>
 */
public final class RemoteWriteThroughputHarness {

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int lanes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path dir = Files.createTempDirectory("rw-harness");
        try (PrometheusServer prom = new PrometheusServer(dir)) {
            prom.start();
            PrometheusRemoteWriteSink sink =
                    PrometheusRemoteWriteSink.builder()
                            .endpoint(prom.remoteWriteUrl())
                            .maxBatchSamples(batch)
                            .maxConcurrentRequests(lanes)
                            .build();
            RemoteWriteMetrics metrics = new RemoteWriteMetrics(new UnregisteredMetricsGroup());
            long t0 = (System.currentTimeMillis() / 1000 - 3600) * 1000;
            Labels[] labels = new Labels[series];
            for (int s = 0; s < series; s++) {
                labels[s] = Labels.of("job", "harness", "instance", "host-" + s, "cluster", "c1");
            }
            long start = System.nanoTime();
            try (RemoteWriteSinkWriter w =
                    new RemoteWriteSinkWriter(
                            sink.config(),
                            metrics,
                            null,
                            EndpointSenders.create(sink.config(), metrics),
                            List.of(),
                            0)) {
                for (int i = 0; i < samples; i++) {
                    w.write(
                            Sample.of(
                                    "harness_metric",
                                    labels[i % series],
                                    t0 + (i / series) * 100L,
                                    i),
                            null);
                }
                w.flush(true);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            RemoteWriteMetrics.Endpoint e = metrics.endpoints().get(0);
            HistogramStatistics lat = e.latency().getStatistics();
            System.out.printf(
                    "series=%d samples=%d batch=%d lanes=%d: %.0f samples/s, sent=%d dropped=%d, "
                            + "request latency p50=%.1f ms p99=%.1f ms (last %d requests)%n",
                    series,
                    samples,
                    batch,
                    lanes,
                    samples / secs,
                    e.sentTotal(),
                    e.droppedTotal(),
                    lat.getQuantile(0.5),
                    lat.getQuantile(0.99),
                    lat.size());
        }
    }
}
