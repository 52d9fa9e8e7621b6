package io.condenser.jobs.functions;

import static io.condenser.jobs.testing.Harnesses.keysWithState;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.eval.WindowSteps;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupWindowFunctionTest {

    static final String RULES =
            """
            rules:
              - name: t
                match: temp
                interval: 1m
                delay: 10s
                staleness_interval: 2m
                by: [host]
                outputs: [sum_samples, max]
                max_output_series: 4
              - name: other
                match: other
                interval: 1m
                outputs: [count_samples]
            """;

    KeyedBroadcastOperatorTestHarness<String, SeriesPartial, RuleSetUpdate, Sample> h;
    ActiveRules rules = new ActiveRules();

    @BeforeEach
    void setUp() throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new GroupWindowFunction(),
                        SeriesPartial::groupKey,
                        Types.STRING,
                        StateDescriptors.rules());
        h.processBroadcastWatermark(Long.MAX_VALUE);
        install(RULES, 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    void install(String yaml, long version) throws Exception {
        RuleSetUpdate u = PipelineRunner.rules(version, yaml);
        assertThat(rules.update(u).accepted()).isTrue();
        h.processBroadcastElement(u, 0);
    }

    SeriesPartial partial(String rule, String host, long end, double... values) {
        ActiveRules.Compiled c = rules.rule(rule);
        Aggregator[] aggs = WindowSteps.newAggregators(c.rule().outputs());
        long ts = end - 30_000;
        for (double v : values) {
            WindowSteps.feed(c.rule().outputs(), host.hashCode(), ts++, v, null, aggs);
        }
        return new SeriesPartial(
                rule, c.fingerprint(), "temp", Labels.of("host", host), end, ts - 1, aggs);
    }

    static List<String> text(List<Sample> samples) {
        return samples.stream().map(Sample::toString).sorted().toList();
    }

    @Test
    void mergesPartialsEmitsAtWindowEndPlusDelayThenMarksStaleAndForgets() throws Exception {
        h.processElement(partial("t", "a", 60_000, 1, 2), 70_000);
        h.processElement(partial("t", "a", 60_000, 10), 70_000);
        h.processWatermark(69_999);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(70_000);
        List<Sample> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out)
                .allSatisfy(s -> assertThat(s.timestampMs()).isEqualTo(60_000))
                .extracting(Sample::value)
                .containsExactlyInAnyOrder(13.0, 10.0);
        assertThat(keysWithState(h, "group")).isEqualTo(1);

        // no samples for longer than the staleness interval (2m): markers, then nothing left
        h.processWatermark(1_000_000);
        List<Sample> all = h.extractOutputValues();
        List<Sample> markers = all.subList(2, all.size());
        assertThat(markers).hasSize(2).allSatisfy(s -> assertThat(s.isStale()).isTrue());
        assertThat(markers)
                .allSatisfy(
                        s ->
                                assertThat(s.timestampMs())
                                        .isEqualTo(180_000)); // last sample at 30 s + 2m < 180 s
        assertThat(keysWithState(h, "group")).isZero();
        assertThat(keysWithState(h, "group-windows")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void maxOutputSeriesRefusesNewGroupsBeyondTheLimit() throws Exception {
        // 2 series per group, limit 4: two groups fit, the third is refused
        h.processElement(partial("t", "a", 60_000, 1), 70_000);
        h.processElement(partial("t", "b", 60_000, 1), 70_000);
        h.processElement(partial("t", "c", 60_000, 1), 70_000);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).hasSize(4);
        assertThat(keysWithState(h, "group")).isEqualTo(2);
    }

    @Test
    void aRemovedRuleMarksItsSeriesStaleAndLosesItsState() throws Exception {
        h.processElement(partial("t", "a", 60_000, 1), 70_000);
        h.processElement(partial("t", "b", 60_000, 1), 70_000);
        h.processElement(partial("other", "x", 60_000, 1), 70_000);
        h.processWatermark(70_000);
        assertThat(keysWithState(h, "group")).isEqualTo(3);
        int before = h.extractOutputValues().size();

        install(
                RULES.substring(0, RULES.indexOf("  - name: t"))
                        + RULES.substring(RULES.indexOf("  - name: other")),
                2);
        List<Sample> after =
                h.extractOutputValues().subList(before, h.extractOutputValues().size());
        assertThat(after).hasSize(4).allSatisfy(s -> assertThat(s.isStale()).isTrue());
        assertThat(after).allSatisfy(s -> assertThat(s.timestampMs()).isEqualTo(120_000));
        assertThat(keysWithState(h, "group")).isEqualTo(1);
    }

    @Test
    void aChangedRuleStartsOver() throws Exception {
        h.processElement(partial("t", "a", 60_000, 1), 70_000);
        h.processWatermark(70_000);
        install(RULES.replace("outputs: [sum_samples, max]", "outputs: [sum_samples, min]"), 2);
        assertThat(keysWithState(h, "group")).isZero();
        h.processElement(partial("t", "a", 120_000, 5), 130_000);
        h.processWatermark(130_000);
        assertThat(text(h.extractOutputValues()))
                .anyMatch(s -> s.contains("min") && s.contains("120000"));
    }

    @Test
    void aRemovedRuleLosesItsOpenWindowsAndItsTimersLeaveNothing() throws Exception {
        h.processElement(partial("t", "a", 60_000, 1), 70_000);
        h.processWatermark(70_000); // window 60 s emitted; window 120 s still open below
        h.processElement(partial("t", "a", 120_000, 2), 80_000);
        h.processElement(partial("other", "x", 120_000, 1), 80_000);
        assertThat(keysWithState(h, "group")).isEqualTo(2);
        assertThat(keysWithState(h, "group-windows")).isEqualTo(2);
        int before = h.extractOutputValues().size();

        install(
                RULES.substring(0, RULES.indexOf("  - name: t"))
                        + RULES.substring(RULES.indexOf("  - name: other")),
                2);
        assertThat(keysWithState(h, "group")).isEqualTo(1);
        assertThat(keysWithState(h, "group-windows")).isEqualTo(1);
        h.processWatermark(1_000_000);
        List<Sample> after =
                h.extractOutputValues().subList(before, h.extractOutputValues().size());
        // t: only its markers (at the end of the window after the last emitted), no window 120 s
        assertThat(after.stream().filter(s -> s.name().contains("_by_host_")))
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.isStale()).isTrue())
                .allSatisfy(s -> assertThat(s.timestampMs()).isEqualTo(120_000));
        assertThat(keysWithState(h, "group")).isZero();
        assertThat(keysWithState(h, "group-windows")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedRuleLosesItsOpenWindows() throws Exception {
        h.processElement(partial("t", "a", 60_000, 1), 70_000);
        h.processWatermark(70_000);
        h.processElement(partial("t", "a", 120_000, 2), 80_000);
        assertThat(keysWithState(h, "group-windows")).isEqualTo(1);
        install(RULES.replace("outputs: [sum_samples, max]", "outputs: [sum_samples, min]"), 2);
        assertThat(keysWithState(h, "group")).isZero();
        assertThat(keysWithState(h, "group-windows")).isZero();
        int before = h.extractOutputValues().size();
        h.processWatermark(1_000_000);
        // the old definition's open window is not emitted (markers for series the new one no
        // longer emits would be fine)
        assertThat(h.extractOutputValues().subList(before, h.extractOutputValues().size()))
                .allSatisfy(s -> assertThat(s.isStale()).isTrue());
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
