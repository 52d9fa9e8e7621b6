package io.condenser.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark's generated rule sets are valid and as large as asked. */
class BenchRulesTest {

    @Test
    void generatesValidSetsOfTheRequestedSize() {
        assertThat(BenchRules.ruleSet(10, "10s", true).load().ruleSet().size()).isEqualTo(10);
        assertThat(BenchRules.ruleSet(5000, "10s", true).load().ruleSet().size()).isEqualTo(5000);
    }

    @Test
    void withoutFleetCountSeriesNoRuleCountsSeries() {
        assertThat(BenchRules.ruleSet(10, "10s", false).files().get("bench.yaml"))
                .doesNotContain("count_series")
                .contains("count_samples");
    }

    @Test
    void refusesFewerThanTheTenMatchingRules() {
        assertThatThrownBy(() -> BenchRules.ruleSet(9, "10s", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
