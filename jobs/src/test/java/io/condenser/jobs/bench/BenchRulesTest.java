package io.condenser.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's rule sets: valid, as large as asked, and always with the accounting rule. */
class BenchRulesTest {

    @TempDir Path dir;

    @Test
    void generatesValidSetsOfTheRequestedSize() {
        assertThat(load(BenchRules.yaml(10, Duration.ofSeconds(10), true)).size()).isEqualTo(10);
        assertThat(load(BenchRules.yaml(5000, Duration.ofSeconds(10), true)).size())
                .isEqualTo(5000);
    }

    @Test
    void withoutFleetCountSeriesNoRuleCountsSeries() {
        assertThat(BenchRules.yaml(10, Duration.ofSeconds(10), false))
                .doesNotContain("count_series")
                .contains("count_samples");
    }

    @Test
    void refusesFewerThanTheTenMatchingRules() {
        assertThatThrownBy(() -> BenchRules.yaml(9, Duration.ofSeconds(10), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDirectoryHoldsTheTenRulesAndTheAccountingRule() throws Exception {
        RuleSet set = BenchRules.writeDirectory(null, dir);
        assertThat(set.size()).isEqualTo(11);
        Rule accounting = set.rule(BenchRules.ACCOUNTING_RULE);
        assertThat(accounting.interval()).isEqualTo(BenchRules.DEFAULT_INTERVAL);
        assertThat(dir.resolve(BenchRules.ACCOUNTING_FILE)).isRegularFile();
        assertThat(RuleSetLoader.loadDirectory(dir, 1).ruleSet().size()).isEqualTo(11);
    }

    @Test
    void aUserFileGetsTheAccountingRuleAtItsShortestInterval() throws Exception {
        Path user = dir.resolve("mine.yaml");
        Files.writeString(
                user,
                "rules:\n"
                        + "  - {name: a, match: cpu_usage_idle, interval: 30s, by: [host], outputs: [avg]}\n"
                        + "  - {name: b, match: disk_used_percent, interval: 2s, by: [], outputs: [max]}\n");
        RuleSet set = BenchRules.writeDirectory(user, dir.resolve("rules"));
        assertThat(set.rule(BenchRules.ACCOUNTING_RULE).interval())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(dir.resolve("rules/mine.yaml")).hasSameTextualContentAs(user);
    }

    @Test
    void anInvalidUserFileIsRefusedWithItsProblems() throws Exception {
        Path user = dir.resolve("bad.yaml");
        Files.writeString(user, "rules:\n  - {name: a, match: x, interval: 1s, outputs: [nope]}\n");
        assertThatThrownBy(() -> BenchRules.writeDirectory(user, dir.resolve("rules")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    private static RuleSet load(String yaml) {
        RuleSetLoader.Result r = RuleSetLoader.loadTexts(new TreeMap<>(Map.of("r.yaml", yaml)), 1);
        assertThat(r.problems()).isEmpty();
        return r.ruleSet();
    }
}
