package io.condenser.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.CompiledRules;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stages get a rule update on their own broadcast channels, so one series-feed subtask can
 * apply it while the group-window subtask downstream has not yet. Here two series subtasks (one
 * input series each) feed one group subtask, and the update reaches them in an order Flink allows:
 * series subtask 1, then (after the watermark closed a window) the group subtask.
 */
class RuleUpdateOrderingTest {

    static final String V1 =
            """
            rules:
              - name: b
                match: req_total
                interval: 1m
                delay: 10s
                by: [job]
                outputs: [count_samples]
            """;

    KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial> s1;
    KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial> s2;
    KeyedBroadcastOperatorTestHarness<String, SeriesPartial, RuleSetUpdate, Sample> g;
    final CompiledRules matchStage = new CompiledRules();

    @BeforeEach
    void setUp() throws Exception {
        s1 = series();
        s2 = series();
        g =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new GroupWindowFunction(),
                        SeriesPartial::groupKey,
                        Types.STRING,
                        StateDescriptors.rules());
        g.processBroadcastWatermark(Long.MAX_VALUE);
        RuleSetUpdate v1 = PipelineRunner.rules(1, V1);
        assertThat(matchStage.update(v1)).isTrue();
        s1.processBroadcastElement(v1, 0);
        s2.processBroadcastElement(v1, 0);
        g.processBroadcastElement(v1, 0);
    }

    static KeyedBroadcastOperatorTestHarness<String, MatchedSample, RuleSetUpdate, SeriesPartial>
            series() throws Exception {
        return SeriesFeedFunctionTest.harness(new HashMapStateBackend());
    }

    @AfterEach
    void tearDown() throws Exception {
        s1.close();
        s2.close();
        g.close();
    }

    MatchedSample req(String pod, long ts) {
        return new MatchedSample(
                "b",
                matchStage.rule("b").fingerprint(),
                Sample.of("req_total", Labels.of("job", "api", "pod", pod), ts, 1));
    }

    /**
     * The update reaches the stages in an order Flink allows: series subtask 1, then (after the
     * watermark closed a window) the group subtask. The update takes effect from 50 s, so the
     * cutover is at 60 s: the window ending there is the old definition's in every stage, and it
     * comes out complete (count_samples = 2), whoever saw the update first.
     */
    @Test
    void theOldDefinitionsLastWindowIsCompleteWhicheverStageSeesTheUpdateFirst() throws Exception {
        s1.processElement(req("p1", 10_000), 10_000);
        s2.processElement(req("p2", 10_000), 10_000);

        RuleSetUpdate v2 =
                PipelineRunner.rules(2, V1.replace("[count_samples]", "[count_samples, max]"))
                        .effectiveFrom(50_000);
        s1.processBroadcastElement(v2, 0);
        s1.processWatermark(70_000);
        s2.processWatermark(70_000);
        List<SeriesPartial> partials = new java.util.ArrayList<>(s1.extractOutputValues());
        partials.addAll(s2.extractOutputValues());
        assertThat(partials).hasSize(2); // the old definition's window is not discarded
        for (SeriesPartial p : partials) {
            g.processElement(p, 70_000);
        }
        g.processWatermark(70_000);
        g.processBroadcastElement(v2, 0);

        assertThat(g.extractOutputValues())
                .filteredOn(s -> s.timestampMs() == 60_000)
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(2.0));
    }

    /** The other order: the group subtask has the update before any partial of the old one. */
    @Test
    void theGroupStageSeeingTheUpdateFirstKeepsTheOldDefinitionToo() throws Exception {
        RuleSetUpdate v2 =
                PipelineRunner.rules(2, V1.replace("[count_samples]", "[count_samples, max]"))
                        .effectiveFrom(50_000);
        g.processBroadcastElement(v2, 0);
        s1.processElement(req("p1", 10_000), 10_000);
        s2.processElement(req("p2", 10_000), 10_000);
        s1.processWatermark(70_000);
        s2.processWatermark(70_000);
        for (SeriesPartial p : s1.extractOutputValues()) {
            g.processElement(p, 70_000);
        }
        for (SeriesPartial p : s2.extractOutputValues()) {
            g.processElement(p, 70_000);
        }
        g.processWatermark(70_000);
        assertThat(g.extractOutputValues())
                .filteredOn(s -> s.timestampMs() == 60_000)
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(2.0));
    }
}
