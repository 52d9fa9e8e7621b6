package io.condenser.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.operators.CombiningBroadcastOperator;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleMatchFunctionTest {

    static final String RULES =
            """
            rules:
              - name: a
                match: temp
                interval: 1m
                drop_input_labels: [pod]
                outputs: [total]
              - name: b
                match: 'temp{host="h1"}'
                interval: 1m
                outputs: [increase]
            """;

    static final String GAUGE_RULES =
            """
            rules:
              - name: g
                match: temp
                interval: 1m
                by: [host]
                outputs: [sum_samples]
            """;

    BroadcastOperatorTestHarness<Sample, RuleSetUpdate, MatchedSample> h;

    BroadcastOperatorTestHarness<Sample, RuleSetUpdate, MatchedSample> harness(
            PipelineSettings settings) throws Exception {
        h =
                new BroadcastOperatorTestHarness<>(
                        new CombiningBroadcastOperator<>(
                                new RuleMatchFunction(settings),
                                List.of(StateDescriptors.rules()),
                                RuleMatchFunction.PARTIALS),
                        1,
                        1,
                        0);
        h.open();
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    static Sample temp(String host, long ts) {
        return Sample.of("temp", Labels.of("host", host, "pod", "p"), ts, 1);
    }

    @Test
    void emitsOncePerMatchingRuleWithDroppedLabels() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processElement(temp("h1", 1000), 1000);
        h.processElement(temp("h2", 1000), 1000);
        h.processElement(Sample.of("other", Labels.EMPTY, 1000, 1), 1000);
        assertThat(h.extractOutputValues())
                .extracting(m -> m.rule() + " " + m.sample().labels())
                .containsExactly("a {host=\"h1\"}", "b {host=\"h1\",pod=\"p\"}", "a {host=\"h2\"}");
    }

    @Test
    void unmatchedInputIsForwardedOnlyWhenAskedTo() throws Exception {
        harness(
                PipelineSettings.builder()
                        .unmatchedInput(PipelineSettings.UnmatchedInput.FORWARD)
                        .build());
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processElement(Sample.of("other", Labels.EMPTY, 1000, 1), 1000);
        assertThat(h.getSideOutput(RuleMatchFunction.UNMATCHED))
                .extracting(StreamRecord::getValue)
                .extracting(Sample::name)
                .containsExactly("other");
    }

    @Test
    void anInvalidSetIsRejectedAndThePreviousKeepsRunning() throws Exception {
        harness(PipelineSettings.defaults());
        RuleSetUpdate good = PipelineRunner.rules(1, RULES);
        h.processBroadcastElement(good, 0);
        h.processBroadcastElement(PipelineRunner.rules(2, RULES.replace("1m", "1parsec")), 0);
        List<RuleSetUpdate> stored = new java.util.ArrayList<>();
        h.getBroadcastState(StateDescriptors.rules())
                .immutableEntries()
                .forEach(e -> stored.add(e.getValue()));
        assertThat(stored).containsExactly(good);
        h.processElement(temp("h2", 1000), 1000);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    @Test
    void samplesBeforeTheFirstRuleSetWaitForIt() throws Exception {
        harness(PipelineSettings.defaults());
        h.processElement(temp("h1", 1000), 1000);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        assertThat(h.extractOutputValues()).hasSize(2);
    }

    @Test
    void aChangedRuleSwitchesAtTheCutoverBoundaryOfItsEffectiveTime() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(90_000);
        // b changes, effective from 100 s: both intervals 1m, so the cutover is at 120 s
        h.processBroadcastElement(
                PipelineRunner.rules(2, RULES.replace("outputs: [increase]", "outputs: [rate_sum]"))
                        .effectiveFrom(100_000),
                0);
        h.processElement(temp("h1", 100_000), 100_000); // b: still the old definition
        h.processElement(temp("h1", 120_000), 120_000); // b: the new one
        List<MatchedSample> out = h.extractOutputValues();
        assertThat(out)
                .extracting(m -> m.rule() + "@" + m.sample().timestampMs())
                .containsExactly("a@100000", "b@100000", "a@120000", "b@120000");
        assertThat(out.get(1).fingerprint()).isNotEqualTo(out.get(3).fingerprint());
        assertThat(out.get(0).fingerprint()).isEqualTo(out.get(2).fingerprint());
    }

    @Test
    void gaugeRulesArePreAggregatedWhereTheyAreMatched() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, GAUGE_RULES), 0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processElement(temp("h1", 1000), 1000);
        h.processElement(temp("h1", 2000), 2000);
        h.processElement(temp("h2", 3000), 3000);
        h.processElement(temp("h2", 61_000), 61_000);
        assertThat(h.extractOutputValues()).isEmpty(); // nothing for the per-series stage
        assertThat(h.getSideOutput(RuleMatchFunction.PARTIALS)).isNull();
        h.processWatermark(60_000);
        assertThat(h.getSideOutput(RuleMatchFunction.PARTIALS))
                .extracting(StreamRecord::getValue)
                .extracting(
                        p ->
                                p.groupLabels()
                                        + " "
                                        + p.windowEnd()
                                        + " "
                                        + p.aggregators()[0].result().get(0).value())
                .containsExactlyInAnyOrder("{host=\"h1\"} 60000 2.0", "{host=\"h2\"} 60000 1.0");
        h.processElement(temp("h1", 59_000), 59_000); // its window closed: late
        h.processWatermark(200_000);
        assertThat(h.getSideOutput(RuleMatchFunction.PARTIALS))
                .extracting(StreamRecord::getValue)
                .extracting(SeriesPartial::windowEnd)
                .containsExactlyInAnyOrder(60_000L, 60_000L, 120_000L);
    }

    @Test
    void goingIdleSendsWhatTheCombinerHolds() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, GAUGE_RULES), 0);
        h.processElement(temp("h1", 1000), 1000);
        h.processWatermark(10_000);
        assertThat(h.getSideOutput(RuleMatchFunction.PARTIALS)).isNull(); // window still open
        @SuppressWarnings("unchecked")
        var op =
                (org.apache.flink.streaming.api.operators.TwoInputStreamOperator<
                                Sample, RuleSetUpdate, MatchedSample>)
                        h.getOperator();
        op.processWatermarkStatus1(
                org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);
        op.processWatermarkStatus2(
                org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);
        // downstream now ignores this subtask's watermark: its partial must not wait for it
        assertThat(h.getSideOutput(RuleMatchFunction.PARTIALS))
                .extracting(StreamRecord::getValue)
                .extracting(SeriesPartial::windowEnd)
                .containsExactly(60_000L);
    }

    @Test
    void afterARestoreSamplesOfWindowsClosedBeforeTheStopAreLate() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(200_000);
        h.processElement(temp("h1", 205_000), 205_000); // the match stage sees watermark 200 s
        OperatorSubtaskState snapshot = h.snapshot(1, 1);

        try (RestoredHarness r = new RestoredHarness(snapshot)) {
            // event time starts over: no watermark on either input yet
            r.element(temp("h2", 150_000)); // window [120 s, 180 s) closed at 180 s: late for a
            r.element(temp("h9", 190_000)); // a new series, window [180 s, 240 s) still open
            r.element(temp("h1", 100_000)); // late for both a and b
            assertThat(r.extractOutputValues())
                    .extracting(m -> m.rule() + " " + m.sample().labels().get("host"))
                    .containsExactly("a h9");
            assertThat(r.lateAfterRestore()).isEqualTo(3);

            // once the live watermark reaches the restored one, the keyed stages judge lateness
            r.watermarks(200_000);
            r.element(temp("h2", 150_000));
            assertThat(r.extractOutputValues()).hasSize(2);
            assertThat(r.lateAfterRestore()).isEqualTo(3);
        }
    }

    @Test
    void aRestoreFromStateWithoutTheWatermarkJudgesNothingLate() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        OperatorSubtaskState snapshot = h.snapshot(1, 1); // no watermark seen: Long.MIN_VALUE

        try (RestoredHarness r = new RestoredHarness(snapshot)) {
            r.element(temp("h2", 0));
            assertThat(r.extractOutputValues()).hasSize(1);
            assertThat(r.lateAfterRestore()).isZero();
        }
    }

    /**
     * The match operator restored from {@code snapshot}, with readable metrics (the stock broadcast
     * harness builds its own environment, whose metric groups keep nothing).
     */
    static final class RestoredHarness extends AbstractStreamOperatorTestHarness<MatchedSample> {
        private final InterceptingOperatorMetricGroup metrics;

        RestoredHarness(OperatorSubtaskState snapshot) throws Exception {
            this(snapshot, new InterceptingOperatorMetricGroup());
        }

        private RestoredHarness(OperatorSubtaskState snapshot, InterceptingOperatorMetricGroup m)
                throws Exception {
            super(
                    new CoBroadcastWithNonKeyedOperator<>(
                            new RuleMatchFunction(PipelineSettings.defaults()),
                            List.of(StateDescriptors.rules())),
                    new MockEnvironmentBuilder()
                            .setMetricGroup(
                                    new InterceptingTaskMetricGroup() {
                                        @Override
                                        public InternalOperatorMetricGroup getOrAddOperator(
                                                OperatorID id,
                                                String name,
                                                Map<String, String> variables) {
                                            return m;
                                        }
                                    })
                            .build());
            this.metrics = m;
            initializeState(snapshot);
            open();
        }

        @SuppressWarnings("unchecked")
        private TwoInputStreamOperator<Sample, RuleSetUpdate, MatchedSample> op() {
            return (TwoInputStreamOperator<Sample, RuleSetUpdate, MatchedSample>) operator;
        }

        void element(Sample s) throws Exception {
            op().processElement1(new StreamRecord<>(s, s.timestampMs()));
        }

        void watermarks(long metricsWatermark) throws Exception {
            op().processWatermark2(new Watermark(Long.MAX_VALUE));
            op().processWatermark1(new Watermark(metricsWatermark));
        }

        long lateAfterRestore() {
            return ((Counter) metrics.get("samples_late_after_restore")).getCount();
        }
    }
}
