package io.condenser.jobs.functions;

import static io.condenser.jobs.testing.Harnesses.keysWithState;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.operators.CombiningKeyedBroadcastOperator;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.CompiledRules;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.ResultPoint;
import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesFeedFunctionTest {

    static final String RULES =
            """
            rules:
              - name: req
                match: req_total
                interval: 1m
                delay: 10s
                staleness_interval: 2m
                by: [job]
                outputs: [total, count_samples]
              - name: bytes
                match: bytes_total
                interval: 1m
                outputs: [increase]
              - name: dedup
                match: temp
                interval: 1m
                dedup_interval: 30s
                outputs: [sum_samples]
            """;

    KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial> h;
    CompiledRules rules = new CompiledRules();

    @BeforeEach
    void setUp() throws Exception {
        h = harness(new HashMapStateBackend());
    }

    static KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial>
            harness(StateBackend backend) throws Exception {
        return harness(backend, null);
    }

    /** A harness restored from {@code restored} (null: a fresh start). */
    static KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial>
            harness(StateBackend backend, OperatorSubtaskState restored) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CombiningKeyedBroadcastOperator<>(
                                new SeriesFeedFunction(PipelineSettings.defaults()),
                                List.of(StateDescriptors.rules())),
                        MatchedSample::seriesKey,
                        Types.STRING,
                        128,
                        1,
                        0);
        h.setStateBackend(backend);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
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

    MatchedSample sample(String rule, String name, String pod, long ts, double v) {
        return new MatchedSample(
                rule,
                rules.rule(rule).fingerprint(),
                Sample.of(name, Labels.of("job", "api", "pod", pod), ts, v));
    }

    MatchedSample req(String pod, long ts, double v) {
        return sample("req", "req_total", pod, ts, v);
    }

    static double value(SeriesPartial p, int output) {
        List<ResultPoint> r = p.aggregators()[output].result();
        return r.isEmpty() ? Double.NaN : r.get(0).value();
    }

    @Test
    void onePartialPerGroupAndWindowThenStateAndTimersGo() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p1", 30_000, 8), 30_000);
        h.processElement(req("p1", 20_000, 6), 20_000); // older than 30 s: gauges only
        h.processElement(req("p2", 15_000, 1), 15_000);
        h.processElement(req("p1", 70_000, 2), 70_000); // counter reset
        h.processWatermark(69_999);
        assertThat(h.extractOutputValues()).isEmpty(); // window [0,60s) closes at 70s
        h.processWatermark(70_000);
        List<SeriesPartial> out = h.extractOutputValues();
        // both series of the group in one partial: pre-aggregated before the group shuffle
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowEnd()).isEqualTo(60_000);
        assertThat(out.get(0).lastTimestampMs()).isEqualTo(30_000);
        assertThat(value(out.get(0), 0)).isEqualTo(5 + 3 + 1); // total: first values + delta
        assertThat(value(out.get(0), 1)).isEqualTo(4); // count_samples
        h.processWatermark(130_000);
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.extractOutputValues().get(1).windowEnd()).isEqualTo(120_000);
        assertThat(value(h.extractOutputValues().get(1), 0)).isEqualTo(2); // reset: new value

        assertThat(keysWithState(h, "series")).isEqualTo(2);
        // silent for longer than the staleness interval: state and timers are gone
        h.processWatermark(400_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void oneTimerPerSeriesPerStalenessIntervalNotPerSample() throws Exception {
        install(RULES, 1);
        for (long ts = 0; ts < 60_000; ts += 1_000) {
            h.processElement(req("p1", ts, ts), ts);
        }
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void lateSamplesAreDroppedRepeatedTimestampsCount() throws Exception {
        install(RULES, 1);
        h.processWatermark(75_000);
        h.processElement(req("p1", 59_000, 5), 59_000); // window closed at 70 s: late
        h.processElement(req("p1", 61_000, 5), 61_000);
        h.processElement(req("p1", 61_000, 9), 61_000); // same timestamp: counts too
        h.processWatermark(130_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowEnd()).isEqualTo(120_000);
        assertThat(value(out.get(0), 1)).isEqualTo(2);
    }

    @Test
    void dedupHoldsTheSlotsNewestSampleUntilItsWindowCloses() throws Exception {
        install(RULES, 1);
        h.processElement(sample("dedup", "temp", "p1", 20_000, 2), 20_000);
        h.processElement(sample("dedup", "temp", "p1", 0, 1), 0); // older, same slot
        h.processElement(sample("dedup", "temp", "p1", 30_000, 3), 30_000); // next slot
        h.processElement(sample("dedup", "temp", "p1", 45_000, 4), 45_000); // replaces 3
        assertThat(keysWithState(h, "series")).isEqualTo(1);
        h.processWatermark(60_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(value(out.get(0), 0)).isEqualTo(2 + 4);
    }

    @Test
    void aCheckpointBarrierSendsOpenWindowsEarlyAndKeepsNothingOnHeap() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processElement(req("p1", 20_000, 7), 20_000);
        h.processWatermark(70_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(2); // the group stage merges both
        assertThat(value(out.get(0), 0) + value(out.get(1), 0)).isEqualTo(7);
    }

    @Test
    void samplesOfARuleNotYetKnownWaitForIt() throws Exception {
        rules.update(PipelineRunner.rules(1, RULES)); // the match stage knows it, this one not
        h.processElement(req("p1", 10_000, 5), 10_000);
        assertThat(keysWithState(h, "parked-samples")).isEqualTo(1);
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(keysWithState(h, "parked-samples")).isZero();
    }

    /**
     * The subtask skips the parked-state look while none of its keys has anything parked; after a
     * restore it knows how many do by counting, so a sample parked at the snapshot still goes
     * before the samples that come after the restore.
     */
    @Test
    void aSampleParkedAtASnapshotStillGoesFirstAfterTheRestore() throws Exception {
        rules.update(PipelineRunner.rules(1, RULES)); // the match stage knows it, this one not
        h.processElement(req("p1", 10_000, 5), 10_000);
        assertThat(keysWithState(h, "parked-samples")).isEqualTo(1);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        h = harness(new HashMapStateBackend(), snapshot);
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processElement(req("p1", 20_000, 9), 20_000);
        assertThat(keysWithState(h, "parked-samples")).isZero();
        h.processWatermark(70_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(value(out.get(0), 1)).isEqualTo(2); // count_samples: both, none dropped
        assertThat(value(out.get(0), 0)).isEqualTo(9); // total: 5, then 4 more
    }

    static final String WITHOUT_REQ =
            RULES.substring(0, RULES.indexOf("  - name: req"))
                    + RULES.substring(RULES.indexOf("  - name: bytes"));

    @Test
    void aRemovedRuleRunsUntilItsEndThenItsStateGoes() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p2", 10_000, 5), 10_000);
        h.processElement(sample("bytes", "bytes_total", "p1", 10_000, 1), 10_000);
        assertThat(keysWithState(h, "series")).isEqualTo(3);

        // removed from 30 s on: req's windows up to 60 s are still its own
        h.processBroadcastElement(PipelineRunner.rules(2, WITHOUT_REQ).effectiveFrom(30_000), 0);
        h.processElement(req("p1", 50_000, 9), 50_000);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues())
                .extracting(p -> p.rule() + "@" + p.windowEnd())
                .containsExactlyInAnyOrder("req@60000", "bytes@60000");
        h.processWatermark(1_000_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void invalidUpdatesChangeNothing() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processBroadcastElement(PipelineRunner.rules(2, "rules: [{name: x}]"), 0);
        assertThat(keysWithState(h, "series")).isEqualTo(1);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    @Test
    void runsOnRocksDbToo() throws Exception {
        h.close();
        h = harness(new EmbeddedRocksDBStateBackend(true));
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processWatermark(1_000_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedRuleKeepsEachSeriesCounterAcrossTheCutover() throws Exception {
        install(RULES, 1);
        CompiledRule v1 = rules.rule("req");
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p1", 50_000, 6), 50_000);
        install(
                PipelineRunner.rules(
                                2,
                                RULES.replace(
                                        "outputs: [total, count_samples]", "outputs: [increase]"))
                        .effectiveFrom(30_000));
        CompiledRule v2 = rules.rule("req");
        h.processElement(req("p1", 70_000, 9), 70_000); // the new definition's first sample
        h.processWatermark(130_000);
        List<SeriesPartial> out = new java.util.ArrayList<>(h.extractOutputValues());
        out.sort(java.util.Comparator.comparingLong(SeriesPartial::windowEnd));
        assertThat(out)
                .extracting(p -> p.fingerprint() + "@" + p.windowEnd())
                .containsExactly(v1.fingerprint() + "@60000", v2.fingerprint() + "@120000");
        assertThat(value(out.get(0), 0)).isEqualTo(6); // total: first value 5, then +1
        // increase from the old definition's last sample (6) to 9: nothing lost at the cutover
        assertThat(value(out.get(1), 0)).isEqualTo(3);
        h.processWatermark(1_000_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aRemovedRulesTimersLeaveNothing() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p1", 70_000, 6), 70_000);
        assertThat(h.numEventTimeTimers()).isEqualTo(1); // one staleness timer per series
        h.processBroadcastElement(PipelineRunner.rules(2, WITHOUT_REQ).effectiveFrom(75_000), 0);
        h.processWatermark(1_000_000);
        assertThat(h.extractOutputValues())
                .extracting(p -> p.rule() + "@" + p.windowEnd())
                .containsExactly("req@60000", "req@120000");
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    /**
     * The start-up race of release 0.2: the first sample of a counter arrives before this stage
     * knows its rule and is parked; the next ones arrive after the rule. They must be applied in
     * arrival order, or the first delta is lost (0.2 gave 5 here).
     */
    @Test
    void aSampleParkedBeforeTheRulesIsAppliedBeforeTheSamplesAfterIt() throws Exception {
        String yaml =
                """
                rules:
                  - name: r
                    match: http_requests_total
                    interval: 30s
                    by: [pod]
                    outputs: [increase_prometheus]
                """;
        RuleSetUpdate u = PipelineRunner.rules(1, yaml);
        rules.update(u); // the match stage knows it; this subtask not yet
        int fp = rules.rule("r").fingerprint();
        java.util.function.BiFunction<Long, Double, MatchedSample> m =
                (ts, v) ->
                        new MatchedSample(
                                "r",
                                fp,
                                Sample.of("http_requests_total", Labels.of("pod", "a"), ts, v));
        h.processElement(m.apply(1_000L, 10.0), 1_000);
        h.processBroadcastElement(u, 0);
        h.processElement(m.apply(11_000L, 15.0), 11_000);
        h.processElement(m.apply(21_000L, 20.0), 21_000);
        h.processWatermark(30_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(value(out.get(0), 0)).isEqualTo(10);
        assertThat(keysWithState(h, "parked-samples")).isZero();
    }
}
