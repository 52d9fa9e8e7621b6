package io.condenser.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
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
    final ActiveRules matchStage = new ActiveRules();

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
        assertThat(matchStage.update(v1).accepted()).isTrue();
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
     * What the old definition emits must be its complete windows (here count_samples = 2 for the
     * window ending at 60 s) or nothing. Today the group subtask, not knowing the update yet,
     * closes the window with only the partial of the series subtask that had not applied it: 1.
     */
    @Test
    @Disabled(
            "bug: a changed/removed rule's last old window can be emitted incomplete when the"
                    + " update reaches a series-feed subtask before the group-window subtask and"
                    + " the watermark closes the window in between; fix designed in"
                    + " docs/architecture.md, Live rule updates, Known limits")
    void theOldDefinitionNeverEmitsAnIncompleteWindow() throws Exception {
        s1.processElement(req("p1", 10_000), 10_000);
        s2.processElement(req("p2", 10_000), 10_000);

        // b changes (removing it behaves the same); series subtask 1 applies it first
        RuleSetUpdate v2 =
                PipelineRunner.rules(2, V1.replace("[count_samples]", "[count_samples, max]"));
        s1.processBroadcastElement(v2, 0);
        s1.processWatermark(70_000);
        s2.processWatermark(70_000);
        assertThat(s1.extractOutputValues()).isEmpty(); // its open window was discarded
        List<SeriesPartial> fromS2 = s2.extractOutputValues();
        assertThat(fromS2).hasSize(1);
        for (SeriesPartial p : fromS2) {
            g.processElement(p, 70_000);
        }
        g.processWatermark(70_000);
        g.processBroadcastElement(v2, 0);

        assertThat(g.extractOutputValues())
                .filteredOn(s -> s.timestampMs() == 60_000)
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(2.0));
    }
}
