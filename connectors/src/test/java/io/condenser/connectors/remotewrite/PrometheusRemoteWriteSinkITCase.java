package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.writer.RemoteWriteSinkWriter;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterState;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.connectors.testing.VictoriaMetricsServer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A Flink job writes through the sink into the real Prometheus 2.42 and VictoriaMetrics 1.79. */
class PrometheusRemoteWriteSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int SERIES = 20;
    private static final int POINTS = 30;

    /** 20 series x 30 samples one second apart ending a minute ago, then a marker for series 0. */
    private static List<Sample> input(long endMs) {
        List<Sample> out = new ArrayList<>();
        long start = endMs - POINTS * 1000L;
        for (int p = 0; p < POINTS; p++) {
            for (int s = 0; s < SERIES; s++) {
                out.add(
                        Sample.of(
                                "rw_test",
                                Labels.of("series", "s" + s, "job", "it"),
                                start + p * 1000L,
                                s * 100 + p));
            }
        }
        out.add(Sample.staleMarker("rw_test", Labels.of("series", "s0", "job", "it"), endMs));
        return out;
    }

    private static void run(String url, DeliveryMode delivery, List<Sample> input)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        PrometheusRemoteWriteSink sink =
                PrometheusRemoteWriteSink.builder()
                        .endpoint(url)
                        .delivery(delivery)
                        .maxBatchSamples(50)
                        .build();
        PrometheusRemoteWriteSink.keyBySeries(env.fromData(input, SampleTypeInfo.INSTANCE))
                .sinkTo(sink)
                .uid("remote-write")
                .name("remote-write");
        env.execute("remote-write " + delivery);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void samplesAndAStalenessMarkerArriveInPrometheus(DeliveryMode delivery, @TempDir Path dir)
            throws Exception {
        assumeTrue(ExternalServer.onPath("prometheus"), "prometheus not on PATH");
        long end = (System.currentTimeMillis() / 1000 - 60) * 1000;
        try (PrometheusServer prom = new PrometheusServer(dir)) {
            prom.start();
            run(prom.remoteWriteUrl(), delivery, input(end));

            double at = end / 1000.0;
            JsonNode counts = prom.query("sum(count_over_time(rw_test{job=\"it\"}[5m]))", at - 0.5);
            assertThat(counts.get(0).path("value").get(1).asText())
                    .isEqualTo(Integer.toString(SERIES * POINTS));
            JsonNode last = prom.query("rw_test{series=\"s3\"}", at - 1);
            assertThat(last.get(0).path("value").get(1).asText())
                    .isEqualTo(Integer.toString(3 * 100 + POINTS - 1));
            // After the marker series 0 is gone, while series 1 is still within lookback.
            assertThat(prom.query("rw_test{series=\"s0\"}", at + 1)).isEmpty();
            assertThat(prom.query("rw_test{series=\"s1\"}", at + 1)).hasSize(1);
            assertThat(prom.log()).doesNotContain("Out of order sample");
        }
    }

    /**
     * Condenser's window outputs give each series one sample per window. When a restore replays at
     * most one window, the replayed samples are exact duplicates of each series' newest and
     * Prometheus (no out-of-order window) takes them silently; older ones never leave the sink.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void replayingOneWindowAfterARestoreIsNotRefused(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalServer.onPath("prometheus"), "prometheus not on PATH");
        long base = (System.currentTimeMillis() / 1000 - 600) * 1000;
        try (PrometheusServer prom = new PrometheusServer(dir)) {
            prom.start();
            PrometheusRemoteWriteSink sink =
                    PrometheusRemoteWriteSink.builder().endpoint(prom.remoteWriteUrl()).build();
            List<RemoteWriteWriterState> checkpoint;
            try (RemoteWriteSinkWriter w = writer(sink, List.of())) {
                for (int window = 0; window < 3; window++) {
                    writeWindow(w, base, window);
                }
                w.flush(false);
                checkpoint = w.snapshotState(1);
                writeWindow(w, base, 3); // written, then the job fails before the next checkpoint
                w.flush(false);
            }
            RemoteWriteMetrics metrics;
            try (RemoteWriteSinkWriter restored = writer(sink, checkpoint)) {
                metrics = lastMetrics;
                for (int window = 2; window < 5; window++) { // the upstream replays from window 2
                    writeWindow(restored, base, window);
                }
                restored.flush(false);
            }
            assertThat(metrics.droppedCount(DropReason.NOT_NEWER)).isEqualTo(SERIES);
            assertThat(metrics.endpoints().get(0).droppedTotal()).isZero();
            assertThat(prom.log()).doesNotContain("from remote write");
            JsonNode counts =
                    prom.query("sum(count_over_time(rw_window[1h]))", (base + 5 * 10_000) / 1000.0);
            assertThat(counts.get(0).path("value").get(1).asText())
                    .isEqualTo(Integer.toString(SERIES * 5));
        }
    }

    private RemoteWriteMetrics lastMetrics;

    private RemoteWriteSinkWriter writer(
            PrometheusRemoteWriteSink sink, List<RemoteWriteWriterState> restored)
            throws Exception {
        lastMetrics = new RemoteWriteMetrics(new UnregisteredMetricsGroup());
        return new RemoteWriteSinkWriter(
                sink.config(),
                lastMetrics,
                null,
                EndpointSenders.create(sink.config(), lastMetrics),
                restored,
                0);
    }

    /** One 10 s window's output: one sample per series. */
    private static void writeWindow(RemoteWriteSinkWriter w, long base, int window)
            throws Exception {
        for (int s = 0; s < SERIES; s++) {
            w.write(
                    Sample.of(
                            "rw_window",
                            Labels.of("series", "s" + s),
                            base + window * 10_000L,
                            s * 10 + window),
                    null);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void samplesArriveInVictoriaMetrics(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalServer.onPath("victoria-metrics"), "victoria-metrics not on PATH");
        long end = (System.currentTimeMillis() / 1000 - 60) * 1000;
        try (VictoriaMetricsServer vm = new VictoriaMetricsServer(dir)) {
            vm.start();
            run(vm.remoteWriteUrl(), DeliveryMode.AT_LEAST_ONCE, input(end));
            String export = vm.export("{__name__=\"rw_test\",job=\"it\"}");
            String[] lines = export.strip().split("\n");
            assertThat(lines).hasSize(SERIES);
            int samples = 0;
            for (String line : lines) {
                JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                samples += n.path("timestamps").size();
                if (n.path("metric").path("series").asText().equals("s7")) {
                    assertThat(n.path("values").get(POINTS - 1).asDouble())
                            .isEqualTo(7 * 100 + POINTS - 1);
                }
            }
            // VictoriaMetrics stores the staleness marker as a sample of its own (1.79 keeps it).
            assertThat(samples).isBetween(SERIES * POINTS, SERIES * POINTS + 1);
        }
    }
}
