package io.condenser.connectors.direct.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.testing.RecordingMetricGroup;
import org.junit.jupiter.api.Test;

class DirectSourceMetricsTest {

    @Test
    void namesAreSnakeCaseOnTheOperatorGroupWithTheReasonOrStatusAsALabel() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        DirectSourceMetrics m = new DirectSourceMetrics(group, () -> 7);
        m.rejected("bad_timestamp");
        m.rejected("bad_timestamp");
        m.rejected("line_too_long");
        m.skipped("string_field", 3);
        m.response(204);
        m.response(413);
        m.samples(5, true);
        assertThat(group.metrics().keySet())
                .allSatisfy(
                        path ->
                                assertThat(path)
                                        .matches("((reason|status)=[a-z0-9_]+/)?direct_[a-z0-9_]+"))
                .contains(
                        DirectSourceMetrics.SAMPLES_RECEIVED,
                        DirectSourceMetrics.CONNECTIONS_OPEN,
                        DirectSourceMetrics.SAMPLES_QUEUED,
                        "reason=bad_timestamp/direct_lines_rejected",
                        "reason=line_too_long/direct_lines_rejected",
                        "reason=string_field/direct_values_skipped",
                        "status=204/direct_http_requests",
                        "status=413/direct_http_requests");
        assertThat(group.count(DirectSourceMetrics.LINES_REJECTED)).isEqualTo(3);
        assertThat(group.count("reason=bad_timestamp/" + DirectSourceMetrics.LINES_REJECTED))
                .isEqualTo(2);
        assertThat(m.rejectedCount("bad_timestamp")).isEqualTo(2);
        assertThat(group.count(DirectSourceMetrics.HTTP_REQUESTS)).isEqualTo(2);
        assertThat(group.count("status=413/" + DirectSourceMetrics.HTTP_REQUESTS)).isEqualTo(1);
        assertThat(group.count(DirectSourceMetrics.VALUES_SKIPPED)).isEqualTo(3);
        assertThat(m.tcpSamplesAtRisk()).isEqualTo(5);
        m.tcpCheckpointed(5);
        assertThat(m.tcpSamplesAtRisk()).isZero();
    }
}
