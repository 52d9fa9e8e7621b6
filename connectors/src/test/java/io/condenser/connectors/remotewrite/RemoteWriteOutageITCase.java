package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver is stopped for 60 s mid-run and restarted on the same port with its data: the job
 * neither fails nor loses a sample; the sink holds back (bounded) and delivers once it returns.
 */
class RemoteWriteOutageITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int SERIES = 20;
    private static final int POINTS = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void nothingIsLostWhenTheReceiverIsDownForAMinute(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalServer.onPath("prometheus"), "prometheus not on PATH");
        long base = (System.currentTimeMillis() / 1000 - 30 * 60) * 1000;
        try (PrometheusServer prom = new PrometheusServer(dir)) {
            prom.start();
            int port = prom.port();

            Configuration conf = new Configuration();
            // Any sink failure would fail the test: the outage must be ridden out, not restarted.
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.enableCheckpointing(1000);
            DataStream<Sample> samples =
                    env.fromSource(
                                    new DataGeneratorSource<>(
                                            i -> i,
                                            (long) SERIES * POINTS,
                                            RateLimiterStrategy.perSecond(40),
                                            Types.LONG),
                                    WatermarkStrategy.noWatermarks(),
                                    "sequence")
                            .setParallelism(1)
                            .map(
                                    i ->
                                            Sample.of(
                                                    "rw_outage",
                                                    Labels.of("series", "s" + (i % SERIES)),
                                                    base + (i / SERIES) * 1000,
                                                    i))
                            .setParallelism(1)
                            .returns(SampleTypeInfo.INSTANCE);
            PrometheusRemoteWriteSink sink =
                    PrometheusRemoteWriteSink.builder()
                            .endpoint(prom.remoteWriteUrl())
                            .maxBatchSamples(20)
                            .maxQueuedBatches(2)
                            .maxBatchDelay(Duration.ofMillis(200))
                            .build();
            PrometheusRemoteWriteSink.keyBySeries(samples)
                    .sinkTo(sink)
                    .uid("remote-write")
                    .name("remote-write");
            JobClient job = env.executeAsync("outage");

            Thread.sleep(10_000);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            prom.stop();
            Thread.sleep(OUTAGE.toMillis());
            assertThat(job.getJobStatus().get())
                    .as("the sink rides out the outage")
                    .isEqualTo(JobStatus.RUNNING);
            prom.start(port);
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

            JsonNode count =
                    prom.query(
                            "sum(count_over_time(rw_outage[1h]))",
                            (base + POINTS * 1000L) / 1000.0);
            assertThat(count.get(0).path("value").get(1).asText())
                    .isEqualTo(Integer.toString(SERIES * POINTS));
            JsonNode sum =
                    prom.query(
                            "sum(sum_over_time(rw_outage[1h]))", (base + POINTS * 1000L) / 1000.0);
            long n = (long) SERIES * POINTS;
            assertThat(sum.get(0).path("value").get(1).asDouble()).isEqualTo(n * (n - 1) / 2.0);
            assertThat(prom.log()).doesNotContain("from remote write");
        }
    }
}
