package io.condenser.jobs.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's {@code name=value} arguments: defaults, every option, and refusals. */
class HarnessOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        HarnessOptions o = HarnessOptions.parse();
        assertThat(o.series()).isEqualTo(100_000);
        assertThat(o.rules()).containsExactly(10, 5000);
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.warmupS()).isEqualTo(20);
        assertThat(o.measureS()).isEqualTo(40);
        assertThat(o.interval()).isEqualTo("10s");
        assertThat(o.checkpoint()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.fleetCountSeries()).isTrue();
        assertThat(o.flink()).isEmpty();
    }

    @Test
    void parsesEveryOption() {
        HarnessOptions o =
                HarnessOptions.parse(
                        "series=2000",
                        "rules=10,20",
                        "parallelism=1",
                        "warmup=5",
                        "measure=10",
                        "interval=5s",
                        "checkpoint=3s",
                        "fleetCountSeries=false",
                        "flink.state.backend.rocksdb.timer-service.factory=HEAP");
        assertThat(o)
                .isEqualTo(
                        new HarnessOptions(
                                2000,
                                List.of(10, 20),
                                1,
                                5,
                                10,
                                "5s",
                                Duration.ofSeconds(3),
                                false,
                                Map.of("state.backend.rocksdb.timer-service.factory", "HEAP")));
    }

    @Test
    void refusesUnknownOptionsAndValues() {
        assertThatThrownBy(() -> HarnessOptions.parse("source=direct"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("./condenser bench");
        assertThatThrownBy(() -> HarnessOptions.parse("speed=11"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HarnessOptions.parse("direct"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
