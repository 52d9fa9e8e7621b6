package io.condenser.connectors.direct.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.testing.RecordingMetricGroup;
import org.junit.jupiter.api.Test;

class DirectSourceMetricsTest {

    @Test
    void namesAreSnakeCaseOnTheOperatorGroupWithTheReasonOrStatusInTheName() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        DirectSourceMetrics m = new DirectSourceMetrics(group, () -> 7);
        m.rejected("bad_timestamp");
        m.rejected("bad_timestamp");
        m.rejected("Weird Reason!");
        m.skipped("string_field", 3);
        m.response(204);
        m.response(413);
        m.samples(5, true);
        assertThat(group.metrics().keySet())
                .allSatisfy(name -> assertThat(name).matches("direct_[a-z0-9_]+"))
                .contains(
                        DirectSourceMetrics.SAMPLES_RECEIVED,
                        DirectSourceMetrics.CONNECTIONS_OPEN,
                        DirectSourceMetrics.SAMPLES_QUEUED,
                        "direct_lines_rejected_bad_timestamp",
                        "direct_lines_rejected_weird_reason_",
                        "direct_values_skipped_string_field",
                        "direct_http_requests_204",
                        "direct_http_requests_413");
        assertThat(group.count(DirectSourceMetrics.LINES_REJECTED)).isEqualTo(3);
        assertThat(group.count("direct_lines_rejected_bad_timestamp")).isEqualTo(2);
        assertThat(group.count(DirectSourceMetrics.HTTP_REQUESTS)).isEqualTo(2);
        assertThat(group.count(DirectSourceMetrics.VALUES_SKIPPED)).isEqualTo(3);
        assertThat(m.tcpSamplesAtRisk()).isEqualTo(5);
        m.tcpCheckpointed(5);
        assertThat(m.tcpSamplesAtRisk()).isZero();
    }
}
