package io.condenser.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.eval.RuleSetEvaluator;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine's three stages (over in-memory state, as the reference evaluator runs them) across a
 * rule change with an effective time: what each definition emits on either side of the cutover.
 */
class RuleChangeEngineTest {

    static RuleSet set(long version, String yaml) {
        RuleSetLoader.Result r =
                RuleSetLoader.loadTexts(new TreeMap<>(Map.of("r.yaml", yaml)), version);
        assertThat(r.problems()).isEmpty();
        return r.ruleSet();
    }

    static final String V1 =
            """
            rules:
              - name: g
                match: temp
                interval: 1m
                by: [dc]
                outputs: [max]
              - name: c
                match: req_total
                interval: 1m
                outputs: [total, increase]
              - name: gone
                match: temp
                interval: 1m
                outputs: [count_samples]
            """;

    static final String V2 =
            """
            rules:
              - name: g
                match: temp
                interval: 1m
                by: [dc]
                outputs: [min]
              - name: c
                match: req_total
                interval: 2m
                outputs: [total, increase]
              - name: added
                match: temp
                interval: 1m
                outputs: [sum_samples]
            """;

    static List<String> run(long effectiveFromMs) {
        RuleSetEvaluator e = new RuleSetEvaluator();
        e.applyRules(set(1, V1), Long.MIN_VALUE);
        e.applyRules(set(2, V2), effectiveFromMs);
        double req = 0;
        for (long ts = 0; ts < 360_000; ts += 10_000) {
            e.add(Sample.of("temp", Labels.of("dc", "a"), ts, ts / 10_000));
            req += 5;
            e.add(Sample.of("req_total", Labels.EMPTY, ts, req));
        }
        return e.advanceWatermark(1_000_000).stream()
                .filter(s -> s.timestampMs() <= 360_000)
                .map(Sample::toString)
                .toList();
    }

    @Test
    void everyDefinitionIsCompleteOnItsSideOfTheCutover() {
        // effective at 70 s: g (1m -> 1m) and the added rule switch at 120 s; c (1m -> 2m) at 120 s
        List<String> out = run(70_000);
        // g: max up to the window ending at 120 s, min from the next one; the max series ends
        assertThat(out)
                .contains(
                        "temp:1m_by_dc_max{dc=\"a\"} 11 120000",
                        "temp:1m_by_dc_min{dc=\"a\"} 12 180000",
                        "temp:1m_by_dc_max{dc=\"a\"} StaleNaN 180000")
                .noneMatch(
                        s ->
                                s.startsWith("temp:1m_by_dc_max")
                                        && s.endsWith(" 180000")
                                        && !s.contains("Stale"))
                .noneMatch(s -> s.startsWith("temp:1m_by_dc_min") && s.endsWith(" 120000"));
        // c: 1m windows up to 120 s, then 2m windows; the increase across the cutover is kept
        assertThat(out)
                .contains(
                        "req_total:1m_increase 30 120000",
                        "req_total:2m_increase 60 240000",
                        "req_total:2m_increase 60 360000");
        // the removed rule's last window, then its marker one window later
        assertThat(out)
                .contains(
                        "temp:1m_count_samples{dc=\"a\"} 6 120000",
                        "temp:1m_count_samples{dc=\"a\"} StaleNaN 180000")
                .noneMatch(s -> s.startsWith("temp:1m_count_samples{dc=\"a\"} 6 180000"));
        // the added rule: complete from its first window
        assertThat(out)
                .contains("temp:1m_sum_samples{dc=\"a\"} 87 180000")
                .noneMatch(s -> s.startsWith("temp:1m_sum_samples") && s.endsWith(" 120000"));
    }

    @Test
    void anUpdateAtOnceSwitchesEveryRuleFromTheBeginning() {
        List<String> out = run(Long.MIN_VALUE);
        assertThat(out).noneMatch(s -> s.contains("_max"));
        assertThat(out).contains("temp:1m_by_dc_min{dc=\"a\"} 0 60000");
    }
}
