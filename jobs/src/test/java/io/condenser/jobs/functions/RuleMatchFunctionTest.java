package io.condenser.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.model.Labels;
import io.condenser.connectors.model.Sample;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.PipelineRunner;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
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
                outputs: [sum_samples]
              - name: b
                match: 'temp{host="h1"}'
                interval: 1m
                outputs: [max]
            """;

    BroadcastOperatorTestHarness<Sample, RuleSetUpdate, MatchedSample> h;

    BroadcastOperatorTestHarness<Sample, RuleSetUpdate, MatchedSample> harness(
            PipelineSettings settings) throws Exception {
        h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new RuleMatchFunction(settings), StateDescriptors.rules());
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
        assertThat(
                        h.getBroadcastState(StateDescriptors.rules())
                                .get(StateDescriptors.CURRENT_RULES))
                .isEqualTo(good);
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
    void anAddedOrChangedRuleStartsAtTheNextWindowBoundary() throws Exception {
        harness(PipelineSettings.defaults());
        h.processBroadcastElement(PipelineRunner.rules(1, RULES), 0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(90_000);
        h.processBroadcastElement(
                PipelineRunner.rules(2, RULES.replace("outputs: [max]", "outputs: [min]")), 0);
        h.processElement(temp("h1", 100_000), 100_000); // b changed: starts at 120 s
        h.processElement(temp("h1", 120_000), 120_000);
        assertThat(h.extractOutputValues())
                .extracting(m -> m.rule() + "@" + m.sample().timestampMs())
                .containsExactly("a@100000", "a@120000", "b@120000");
    }
}
