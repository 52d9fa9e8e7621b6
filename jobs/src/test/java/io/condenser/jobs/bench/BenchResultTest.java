package io.condenser.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The RESULT line: exactly the fields, in its order, -1 where a figure does not apply. */
class BenchResultTest {

    static final String RESULT =
            "RESULT path=(direct|kafka|peer) samples_per_s=-?\\d+ job_cpu_s_per_m=(-1|\\d+\\.\\d{3})"
                    + " broker_cpu_s_per_m=(-1|\\d+\\.\\d{3}) producer_cpu_s_per_m=(-1|\\d+\\.\\d{3})"
                    + " total_cpu_s_per_m=(-1|\\d+\\.\\d{3}) latency_p50_ms=-?\\d+"
                    + " latency_p99_ms=-?\\d+ outputs=\\d+ outputs_match_reference=(true|false)"
                    + " lost=-?\\d+ duplicated=-?\\d+";

    static BenchResult result(BenchPath path, double job, double broker, double producer) {
        return new BenchResult(
                path,
                "tcp",
                123456.4,
                60,
                7_000_000,
                7_100_000,
                job,
                broker,
                producer,
                0.2,
                -1,
                1500,
                2600,
                4321,
                true,
                0,
                0,
                0,
                51.5,
                broker < 0 ? -1 : 60.1,
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void theKafkaLineHasEveryComponent() {
        String line = result(BenchPath.KAFKA, 7.24, 1.857, 1.1384).resultLine();
        assertThat(line)
                .matches(RESULT)
                .isEqualTo(
                        "RESULT path=kafka samples_per_s=123456 job_cpu_s_per_m=7.240"
                                + " broker_cpu_s_per_m=1.857 producer_cpu_s_per_m=1.138"
                                + " total_cpu_s_per_m=10.235 latency_p50_ms=1500 latency_p99_ms=2600"
                                + " outputs=4321 outputs_match_reference=true lost=0 duplicated=0");
    }

    @Test
    void aMissingComponentIsMinusOneAndLeftOutOfTheTotal() {
        BenchResult r = result(BenchPath.DIRECT, 7.5, -1, -1);
        assertThat(r.resultLine())
                .matches(RESULT)
                .contains("broker_cpu_s_per_m=-1 producer_cpu_s_per_m=-1 total_cpu_s_per_m=7.500");
        assertThat(r.totalCpu()).isEqualTo(7.5);
        assertThat(r.samplesPerCoreSecond()).isEqualTo(1e6 / 7.5);
    }
}
