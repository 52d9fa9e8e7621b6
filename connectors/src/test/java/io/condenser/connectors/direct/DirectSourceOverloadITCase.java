package io.condenser.connectors.direct;

import static io.condenser.connectors.direct.SimpleTestParsers.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.testing.ExternalServer;
import io.condenser.model.Sample;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client faster than the pipeline: it gets 503 with Retry-After (never a 4xx, which Telegraf
 * would drop), the job keeps running, and because a 503 means "nothing taken", retrying until 204
 * delivers every sample exactly once.
 */
class DirectSourceOverloadITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fastClientGets503AndTheJobStaysHealthy() throws Exception {
        int http = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.HTTP, http)
                        .disable(Protocol.TCP_LINE_PROTOCOL)
                        .disable(Protocol.TCP_GRAPHITE)
                        .queueCapacity(300)
                        .build();
        DirectSource source = new DirectSource(config, new SimpleTestParsers());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "direct")
                .uid("direct-source")
                .map(new Slow())
                .sinkTo(new CollectingSink<>("overload"));
        JobClient job = env.executeAsync("direct-overload-it");
        try {
            DirectSourceITCase.awaitReady(http);
            int batches = 60;
            int batchSize = 100;
            int overloaded = 0;
            for (int b = 0; b < batches; b++) {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < batchSize; i++) {
                    body.append(line("m", i, (long) b * batchSize + i));
                }
                while (true) {
                    HttpResponse<String> r = DirectClients.post(http, "/write", body.toString());
                    if (r.statusCode() == 204) {
                        break;
                    }
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    overloaded++;
                    Thread.sleep(5);
                }
            }
            int total = batches * batchSize;
            DirectSourceITCase.await(
                    () -> CollectingSink.<Sample>results("overload").size() >= total);
            assertThat(overloaded).isPositive();
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            List<Sample> got = CollectingSink.results("overload");
            assertThat(got).hasSize(total);
            assertThat(new HashSet<>(got)).hasSize(total);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** About 5k samples/s per subtask: far slower than one client on loopback. */
    static final class Slow implements MapFunction<Sample, Sample> {
        @Override
        public Sample map(Sample s) throws InterruptedException {
            if (s.timestampMs() % 10 == 0) {
                Thread.sleep(2);
            }
            return s;
        }
    }
}
