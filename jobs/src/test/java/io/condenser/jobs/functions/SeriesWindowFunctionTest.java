package io.condenser.jobs.functions;

import static io.condenser.jobs.testing.Harnesses.keysWithState;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.model.Labels;
import io.condenser.connectors.model.Sample;
import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.rules.aggregate.ResultPoint;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesWindowFunctionTest {

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
              - name: temp
                match: temp
                interval: 1m
                outputs: [sum_samples]
            """;

    KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial> h;
    ActiveRules rules = new ActiveRules();

    @BeforeEach
    void setUp() throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new SeriesWindowFunction(),
                        MatchedSample::seriesKey,
                        Types.STRING,
                        StateDescriptors.rules());
        h.processBroadcastWatermark(Long.MAX_VALUE);
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

    MatchedSample req(String pod, long ts, double v) {
        return new MatchedSample(
                "req",
                rules.rule("req").fingerprint(),
                Sample.of("req_total", Labels.of("job", "api", "pod", pod), ts, v));
    }

    static double value(SeriesPartial p, int output) {
        List<ResultPoint> r = p.aggregators()[output].result();
        return r.isEmpty() ? Double.NaN : r.get(0).value();
    }

    @Test
    void oneDeltaPartialPerSeriesAndWindowThenStateAndTimersGo() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p1", 30_000, 8), 30_000);
        h.processElement(req("p1", 20_000, 6), 20_000); // out of order within the window
        h.processElement(req("p1", 70_000, 2), 70_000); // counter reset
        h.processWatermark(69_999);
        assertThat(h.extractOutputValues()).isEmpty(); // window [0,60s) closes at 70s
        h.processWatermark(70_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowEnd()).isEqualTo(60_000);
        assertThat(out.get(0).lastTimestampMs()).isEqualTo(30_000);
        assertThat(value(out.get(0), 1)).isEqualTo(3); // count_samples
        h.processWatermark(130_000);
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.extractOutputValues().get(1).windowEnd()).isEqualTo(120_000);

        assertThat(keysWithState(h, "series")).isEqualTo(1);
        // silent for longer than the staleness interval: state and timers are gone
        h.processWatermark(400_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(keysWithState(h, "pending-samples")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void lateSamplesAreDroppedDuplicatesReplace() throws Exception {
        install(RULES, 1);
        h.processWatermark(75_000);
        h.processElement(req("p1", 59_000, 5), 59_000); // window closed at 70 s: late
        h.processElement(req("p1", 61_000, 5), 61_000);
        h.processElement(req("p1", 61_000, 9), 61_000); // same timestamp: replaces
        h.processWatermark(130_000);
        List<SeriesPartial> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowEnd()).isEqualTo(120_000);
        assertThat(value(out.get(0), 1)).isEqualTo(1);
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

    @Test
    void aRemovedRuleLosesItsStateAndOthersKeepTheirs() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p2", 10_000, 5), 10_000);
        h.processElement(
                new MatchedSample(
                        "temp",
                        rules.rule("temp").fingerprint(),
                        Sample.of("temp", Labels.of("host", "a"), 10_000, 1)),
                10_000);
        assertThat(keysWithState(h, "series")).isEqualTo(3);
        assertThat(keysWithState(h, "pending-samples")).isEqualTo(3);

        String onlyTemp =
                RULES.substring(0, RULES.indexOf("  - name: req"))
                        + RULES.substring(RULES.indexOf("  - name: temp"));
        install(onlyTemp, 2);
        assertThat(keysWithState(h, "series")).isEqualTo(1);
        assertThat(keysWithState(h, "pending-samples")).isEqualTo(1);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).extracting(SeriesPartial::rule).containsExactly("temp");
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
        h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new org.apache.flink.streaming.api.operators.co
                                .CoBroadcastWithKeyedOperator<>(
                                new SeriesWindowFunction(), List.of(StateDescriptors.rules())),
                        MatchedSample::seriesKey,
                        Types.STRING,
                        128,
                        1,
                        0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processWatermark(1_000_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangedRuleLosesItsStateAndItsTimersLeaveNothing() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p2", 10_000, 5), 10_000);
        h.processElement(
                new MatchedSample(
                        "temp",
                        rules.rule("temp").fingerprint(),
                        Sample.of("temp", Labels.of("host", "a"), 10_000, 1)),
                10_000);
        install(RULES.replace("outputs: [total, count_samples]", "outputs: [increase]"), 2);
        assertThat(keysWithState(h, "series")).isEqualTo(1);
        assertThat(keysWithState(h, "pending-samples")).isEqualTo(1);
        h.processWatermark(70_000);
        assertThat(h.extractOutputValues()).extracting(SeriesPartial::rule).containsExactly("temp");
        // the old definition's timers fire and find nothing; temp's series goes quiet
        h.processWatermark(1_000_000);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(keysWithState(h, "pending-samples")).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aRemovedRulesTimersLeaveNothing() throws Exception {
        install(RULES, 1);
        h.processElement(req("p1", 10_000, 5), 10_000);
        h.processElement(req("p1", 70_000, 6), 70_000);
        assertThat(h.numEventTimeTimers()).isEqualTo(2);
        install(
                RULES.substring(0, RULES.indexOf("  - name: req"))
                        + RULES.substring(RULES.indexOf("  - name: temp")),
                2);
        assertThat(keysWithState(h, "series")).isZero();
        assertThat(keysWithState(h, "pending-samples")).isZero();
        h.processWatermark(1_000_000);
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
