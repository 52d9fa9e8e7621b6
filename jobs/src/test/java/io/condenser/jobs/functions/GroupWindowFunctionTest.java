package io.condenser.jobs.functions;

import static io.condenser.jobs.testing.Harnesses.keysWithState;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.operators.GroupWindowOperator;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.CompiledRules;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.WindowSteps;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
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
    CompiledRules rules = new CompiledRules();

    @BeforeEach
    void setUp() throws Exception {
        h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new GroupWindowOperator(
                                new GroupWindowFunction(), List.of(StateDescriptors.rules())),
                        SeriesPartial::groupKey,
                        Types.STRING,
                        128,
                        1,
                        0);
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        install(RULES, 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    void install(String yaml, long version) throws Exception {
        install(PipelineRunner.rules(version, yaml));
    }

    void install(RuleSetUpdate u) throws Exception {
        assertThat(rules.update(u)).isTrue();
        h.processBroadcastElement(u, 0);
    }

    SeriesPartial partial(String rule, String host, long end, double... values) {
        return partial(rules.rule(rule), host, end, values);
    }

    static SeriesPartial partial(CompiledRule c, String host, long end, double... values) {
        String rule = c.name();
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

    static final String WITHOUT_T =
            RULES.substring(0, RULES.indexOf("  - name: t"))
                    + RULES.substring(RULES.indexOf("  - name: other"));

    @Test
    void aRemovedRuleEmitsItsLastWindowCompleteThenMarksItsSeriesStale() throws Exception {
        CompiledRule v1 = rules.rule("t");
        h.processElement(partial("t", "a", 60_000, 1), 70_000);
        h.processWatermark(70_000); // window 60 s emitted
        h.processElement(partial("t", "a", 120_000, 2), 80_000);
        h.processElement(partial("other", "x", 120_000, 1), 80_000);
        int before = h.extractOutputValues().size();

        // removed from 100 s on: its windows up to 120 s are its own, complete
        install(PipelineRunner.rules(2, WITHOUT_T).effectiveFrom(100_000));
        h.processElement(partial(v1, "a", 120_000, 3), 90_000); // arriving after it, counted
        assertThat(keysWithState(h, "group")).isEqualTo(2);
        h.processWatermark(1_000_000);
        List<Sample> after =
                h.extractOutputValues().subList(before, h.extractOutputValues().size());
        List<Sample> t = after.stream().filter(x -> x.name().contains("_by_host_")).toList();
        assertThat(t.stream().filter(x -> !x.isStale()))
                .extracting(x -> x.name() + " " + x.value() + " @" + x.timestampMs())
                .containsExactlyInAnyOrder(
                        "temp:1m_by_host_sum_samples 5.0 @120000",
                        "temp:1m_by_host_max 3.0 @120000");
        // then a marker per series at the end of the window after its last one
        assertThat(t.stream().filter(Sample::isStale))
                .hasSize(2)
                .allSatisfy(x -> assertThat(x.timestampMs()).isEqualTo(180_000));
        assertThat(keysWithState(h, "group")).isZero();
        assertThat(keysWithState(h, "group-windows")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedRuleHandsOverAtItsCutoverAndLosesNoWindow() throws Exception {
        CompiledRule v1 = rules.rule("t");
        h.processElement(partial(v1, "a", 60_000, 1), 70_000);
        h.processWatermark(70_000);
        h.processElement(partial(v1, "a", 120_000, 2), 80_000);
        int before = h.extractOutputValues().size();

        // max becomes min from 100 s: the cutover is at 120 s (both 1m)
        install(
                PipelineRunner.rules(
                                2,
                                RULES.replace(
                                        "outputs: [sum_samples, max]",
                                        "outputs: [sum_samples, min]"))
                        .effectiveFrom(100_000));
        CompiledRule v2 = rules.rule("t");
        h.processElement(partial(v2, "a", 180_000, 7), 130_000); // the new one's first window
        h.processElement(partial(v1, "a", 120_000, 4), 125_000); // the old one's last, later
        h.processWatermark(190_000);
        List<String> after =
                h.extractOutputValues().subList(before, h.extractOutputValues().size()).stream()
                        .filter(x -> x.name().contains("_by_host_"))
                        .map(
                                x ->
                                        x.name()
                                                + (x.isStale() ? " stale" : " " + x.value())
                                                + " @"
                                                + x.timestampMs())
                        .toList();
        assertThat(after)
                .containsExactlyInAnyOrder(
                        "temp:1m_by_host_sum_samples 6.0 @120000",
                        "temp:1m_by_host_max 4.0 @120000",
                        "temp:1m_by_host_sum_samples 7.0 @180000",
                        "temp:1m_by_host_min 7.0 @180000",
                        // the old definition's series the new one does not emit end
                        "temp:1m_by_host_max stale @180000");
        assertThat(keysWithState(h, "group")).isEqualTo(1);
    }

    @Test
    void aChangedRuleWhoseGroupGetsNoNewWindowEndsWithMarkers() throws Exception {
        CompiledRule v1 = rules.rule("t");
        h.processElement(partial(v1, "a", 60_000, 1), 70_000);
        h.processWatermark(70_000);
        install(
                PipelineRunner.rules(2, RULES.replace("by: [host]", "by: []"))
                        .effectiveFrom(100_000));
        int before = h.extractOutputValues().size();
        h.processWatermark(1_000_000);
        List<Sample> after =
                h.extractOutputValues().subList(before, h.extractOutputValues().size());
        // window 120 s had no samples (gauge outputs emit nothing); the group never gets a
        // window of the new definition (its grouping changed): markers at that one's first end
        assertThat(after)
                .hasSize(2)
                .allSatisfy(x -> assertThat(x.isStale()).isTrue())
                .allSatisfy(x -> assertThat(x.timestampMs()).isEqualTo(180_000));
        assertThat(keysWithState(h, "group")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
