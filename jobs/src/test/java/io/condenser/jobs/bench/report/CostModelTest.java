package io.condenser.jobs.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.condenser.jobs.bench.BenchPath;
import io.condenser.jobs.bench.BenchResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cores and broker capacity at a scale, from CPU-s per million samples and bytes per sample. */
class CostModelTest {

    static BenchResult result(
            BenchPath path, double job, double broker, double producer, double bytes) {
        return new BenchResult(
                path, "v", 1, 1, 1, 1, job, broker, producer, 0.1, -1, 1, 1, 1, true, 0, 0, 0, 50,
                bytes, List.of(), List.of(), List.of());
    }

    @Test
    void coresAreRateTimesCpuPerSample() {
        CostModel m = new CostModel(3, Duration.ofDays(1));
        CostModel.Row direct =
                m.row(result(BenchPath.DIRECT, 5, -1, -1, -1), CostModel.ONE_GB_PER_SECOND);
        assertThat(direct.jobCores()).isCloseTo(50, within(1e-9)); // 10 M/s x 5 s per M
        assertThat(direct.brokerCores()).isEqualTo(-1);
        assertThat(direct.totalCores()).isCloseTo(50, within(1e-9));
        assertThat(direct.brokerStorageTB()).isEqualTo(-1);
    }

    @Test
    void theBrokerScalesWithReplicationAndRetention() {
        CostModel m = new CostModel(3, Duration.ofDays(1));
        CostModel.Row kafka =
                m.row(result(BenchPath.KAFKA, 5, 1, 0.5, 60), CostModel.ONE_GB_PER_SECOND);
        assertThat(kafka.brokerCores()).isCloseTo(30, within(1e-9)); // 10 x 1 x RF 3
        assertThat(kafka.producerCores()).isCloseTo(5, within(1e-9));
        assertThat(kafka.totalCores()).isCloseTo(85, within(1e-9));
        assertThat(kafka.brokerIngressMBps()).isCloseTo(600, within(1e-9)); // 10 M/s x 60 B
        assertThat(kafka.brokerNetworkMBps()).isCloseTo(2400, within(1e-9)); // in, 2 followers, out
        assertThat(kafka.brokerStorageTB()).isCloseTo(600e6 * 3 * 86_400 / 1e12, within(1e-6));
        assertThat(CostModel.TEN_TRILLION_A_DAY.samplesPerSecond() * 86_400)
                .isCloseTo(10e12, within(1.0));
    }
}
