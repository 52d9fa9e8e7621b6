package io.condenser.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PartialCombinerTest {

    static final String RULES =
            """
            rules:
              - name: by-dc
                match: temp
                interval: 1m
                delay: 10s
                by: [dc]
                outputs: [sum_samples, count_series]
            """;

    private CompiledRule rule;
    final List<SeriesPartial> out = new ArrayList<>();

    CompiledRule rule() {
        if (rule == null) {
            RuleSetLoader.Result r =
                    RuleSetLoader.loadTexts(new TreeMap<>(Map.of("r.yaml", RULES)), 1);
            rule = CompiledRule.of(r.ruleSet().rule("by-dc"));
        }
        return rule;
    }

    static Sample temp(String host, String dc, long ts, double v) {
        return Sample.of("temp", Labels.of("host", host, "dc", dc), ts, v);
    }

    static double sum(SeriesPartial p) {
        return p.aggregators()[0].result().get(0).value();
    }

    static double series(SeriesPartial p) {
        return p.aggregators()[1].result().get(0).value();
    }

    @Test
    void mergesEverySeriesOfAGroupIntoOnePartialPerWindow() {
        PartialCombiner c = new PartialCombiner(1000, 1000);
        for (int round = 0; round < 3; round++) {
            for (int h = 0; h < 10; h++) {
                Sample s = temp("h" + h, h % 2 == 0 ? "a" : "b", 1_000 + round, 1);
                c.add(rule(), s, s.timestampMs(), s.value(), null, out::add);
            }
        }
        assertThat(c.cachedSeries()).isEqualTo(10); // the group is computed once per series
        assertThat(c.openWindows()).isEqualTo(2);
        c.flush(69_999, out::add);
        assertThat(out).isEmpty(); // closes at end 60 s + delay 10 s
        c.flush(70_000, out::add);
        assertThat(out)
                .extracting(p -> p.groupLabels() + " " + sum(p) + " " + series(p))
                .containsExactlyInAnyOrder("{dc=\"a\"} 15.0 5.0", "{dc=\"b\"} 15.0 5.0");
        assertThat(c.openWindows()).isZero();
    }

    @Test
    void onlyClosedWindowsLeaveAtAWatermark() {
        PartialCombiner c = new PartialCombiner(1000, 1000);
        Sample early = temp("h1", "a", 1_000, 1);
        Sample later = temp("h1", "a", 61_000, 2);
        c.add(rule(), early, early.timestampMs(), 1, null, out::add);
        c.add(rule(), later, later.timestampMs(), 2, null, out::add);
        c.flush(70_000, out::add);
        assertThat(out).extracting(SeriesPartial::windowEnd).containsExactly(60_000L);
        c.flushAll(out::add);
        assertThat(out).extracting(SeriesPartial::windowEnd).containsExactly(60_000L, 120_000L);
    }

    @Test
    void boundsSendEarlyAndStartTheCacheOver() {
        PartialCombiner c = new PartialCombiner(3, 2);
        for (int h = 0; h < 4; h++) {
            Sample s = temp("h" + h, "dc" + h, 1_000, 1);
            c.add(rule(), s, s.timestampMs(), 1, null, out::add);
        }
        // two open windows at most: the third group sent the first two early
        assertThat(out).hasSize(2);
        assertThat(c.openWindows()).isEqualTo(2);
        assertThat(c.cachedSeries()).isLessThanOrEqualTo(3);
    }

    @Test
    void aForgottenRuleLosesItsOpenWindows() {
        PartialCombiner c = new PartialCombiner(1000, 1000);
        Sample s = temp("h1", "a", 1_000, 1);
        c.add(rule(), s, s.timestampMs(), 1, null, out::add);
        c.forget(rule());
        c.flushAll(out::add);
        assertThat(out).isEmpty();
        assertThat(c.openWindows()).isZero();
        assertThat(c.cachedSeries()).isZero();
    }
}
