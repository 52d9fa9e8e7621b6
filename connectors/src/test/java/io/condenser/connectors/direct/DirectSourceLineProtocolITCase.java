package io.condenser.connectors.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.testing.ExternalServer;
import io.condenser.model.Sample;
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

/**
 * The production line-protocol parser behind the direct source (the other protocols off), fed by
 * real line-protocol clients ({@link RealClientTraffic}): exactly their samples arrive. {@link
 * DirectSourceRealClientsITCase} adds Prometheus and Graphite with every production parser.
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
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "direct")
                .uid("direct-source")
                .sinkTo(new CollectingSink<>("lp"));
        JobClient job = env.executeAsync("direct-source-line-protocol");
        try {
            DirectSourceITCase.awaitReady(http);
            long nowMs = System.currentTimeMillis();

            RealClientTraffic.send(http, tcp, nowMs);
            DirectSourceITCase.await(
                    () -> CollectingSink.results("lp").size() >= RealClientTraffic.SAMPLES);
            List<Sample> all = CollectingSink.results("lp");
            RealClientTraffic.assertArrived(all);
            assertThat(all).hasSize(RealClientTraffic.SAMPLES);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }
}
