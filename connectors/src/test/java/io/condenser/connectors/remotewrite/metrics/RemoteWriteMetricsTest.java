package io.condenser.connectors.remotewrite.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.testing.RecordingMetricGroup;
import org.junit.jupiter.api.Test;

class RemoteWriteMetricsTest {

    @Test
    void totalsAddUpTheEndpointsNamesAreSnakeCaseReasonsAndStatusesAreLabels() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        RemoteWriteMetrics m = new RemoteWriteMetrics(group);
        RemoteWriteMetrics.Endpoint a = m.endpoint("a:9090/api/v1/write");
        RemoteWriteMetrics.Endpoint b = m.endpoint("b:8428/api/v1/write");
        a.sent(10, 100);
        b.sent(10, 120);
        a.request(200, 5);
        b.request(503, 7);
        b.retry();
        b.request(0, 30_000);
        b.dropped(DropReason.OUT_OF_ORDER, 2);
        m.dropped(DropReason.NOT_NEWER, 1);

        assertThat(group.count(RemoteWriteMetrics.OUTPUTS_WRITTEN)).isEqualTo(20);
        assertThat(group.count(RemoteWriteMetrics.BYTES_SENT)).isEqualTo(220);
        assertThat(group.count(RemoteWriteMetrics.REQUESTS)).isEqualTo(3);
        assertThat(group.count("status=2xx/remote_write_requests")).isEqualTo(1);
        assertThat(group.count("status=4xx/remote_write_requests")).isZero();
        assertThat(group.count("status=5xx/remote_write_requests")).isEqualTo(1);
        assertThat(group.count("status=error/remote_write_requests")).isEqualTo(1);
        assertThat(group.count("endpoint=b:8428/api/v1/write/status=5xx/remote_write_requests"))
                .isEqualTo(1);
        assertThat(group.count(RemoteWriteMetrics.REQUEST_FAILURES)).isEqualTo(2);
        assertThat(group.count(RemoteWriteMetrics.RETRIES)).isEqualTo(1);
        assertThat(group.count(RemoteWriteMetrics.SAMPLES_DROPPED)).isEqualTo(3);
        assertThat(group.count("reason=out_of_order/remote_write_samples_dropped")).isEqualTo(2);
        assertThat(group.count("reason=not_newer/remote_write_samples_dropped")).isEqualTo(1);
        assertThat(
                        group.count(
                                "endpoint=b:8428/api/v1/write/reason=out_of_order/"
                                        + RemoteWriteMetrics.SAMPLES_DROPPED))
                .isEqualTo(2);
        assertThat(group.count("endpoint=b:8428/api/v1/write/remote_write_retries")).isEqualTo(1);
        assertThat(group.count("endpoint=a:9090/api/v1/write/remote_write_outputs_written"))
                .isEqualTo(10);
        assertThat(group.metrics().keySet())
                .allSatisfy(
                        path ->
                                assertThat(path.substring(path.lastIndexOf('/') + 1))
                                        .matches("remote_write_[a-z0-9_]+"));
    }
}
