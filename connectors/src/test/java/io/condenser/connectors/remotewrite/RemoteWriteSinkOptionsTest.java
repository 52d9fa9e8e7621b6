package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.remotewrite.config.DeliveryMode;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class RemoteWriteSinkOptionsTest {

    @Test
    void readsEveryOptionFromConfiguration() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "remote-write.urls",
                                        "http://a:9090/api/v1/write;https://b/api/v1/push",
                                "remote-write.delivery", "exactly-once",
                                "remote-write.max-batch-samples", "500",
                                "remote-write.max-batch-bytes", "1mb",
                                "remote-write.max-batch-delay", "250 ms",
                                "remote-write.retry.max-time", "1 min",
                                "remote-write.headers", "X-Scope-OrgID:team-a",
                                "remote-write.series-ttl", "30 min"));
        PrometheusRemoteWriteSink sink = RemoteWriteSinkOptions.builder(conf).build();
        RemoteWriteConfig c = sink.config();
        assertThat(sink).isInstanceOf(PrometheusRemoteWriteCommittingSink.class);
        assertThat(c.delivery()).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(c.endpoints()).hasSize(2);
        assertThat(c.endpoints().get(1).headers()).containsEntry("X-Scope-OrgID", "team-a");
        assertThat(c.maxBatchSamples()).isEqualTo(500);
        assertThat(c.maxBatchBytes()).isEqualTo(1024 * 1024);
        assertThat(c.maxBatchDelayMs()).isEqualTo(250);
        assertThat(c.retryPolicy().maxRetryTimeMs()).isEqualTo(60_000);
        assertThat(c.seriesTtlMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
    }

    @Test
    void defaultsAreTheBuilderDefaults() {
        RemoteWriteConfig c =
                RemoteWriteSinkOptions.builder(
                                Configuration.fromMap(Map.of("remote-write.urls", "http://a/w")))
                        .build()
                        .config();
        assertThat(c.delivery()).isEqualTo(PrometheusRemoteWriteSinkBuilder.DEFAULT_DELIVERY);
        assertThat(c.maxBatchSamples())
                .isEqualTo(PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_SAMPLES);
        assertThat(c.maxBatchDelayMs())
                .isEqualTo(PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_DELAY.toMillis());
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> RemoteWriteSinkOptions.builder(new Configuration()))
                .hasMessageContaining("remote-write.urls");
        assertThatThrownBy(
                        () ->
                                RemoteWriteSinkOptions.builder(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "remote-write.urls", "http://a/w",
                                                        "remote-write.delivery", "twice"))))
                .hasMessageContaining("got 'twice'");
    }
}
