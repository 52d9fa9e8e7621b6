package io.condenser.rules.eval;

import static io.condenser.rules.model.Output.COUNT_SAMPLES;
import static io.condenser.rules.model.Output.LAST;
import static io.condenser.rules.model.Output.RATE_SUM;
import static io.condenser.rules.model.Output.TOTAL;
import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.support.TestRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Samples are applied in arrival order per input series; series may interleave in any order. */
class RuleEvaluatorArrivalOrderTest {

    @org.junit.jupiter.api.Test
    void anotherInterleavingOfSeriesGivesIdenticalOutputs() {
        String input =
                """
                req{pod="a"} 10 @0
                req{pod="b"} 1 @5
                req{pod="a"} 15 @30
                req{pod="b"} 4 @40
                req{pod="a"} 3 @60
                req{pod="b"} 9 @70
                req{pod="a"} 8 @90
                """;
        List<String> samples = Arrays.stream(input.strip().split("\n")).toList();
        // all of b first, then all of a: each series keeps its own order
        List<String> regrouped = new ArrayList<>();
        samples.stream().filter(l -> l.contains("\"b\"")).forEach(regrouped::add);
        samples.stream().filter(l -> l.contains("\"a\"")).forEach(regrouped::add);
        String tail = "\nwatermark 120\nwatermark 180";
        TestRules r = rule().output(TOTAL).output(RATE_SUM).output(LAST);
        assertThat(GoldenIO.run(new RuleEvaluator(r.build()), String.join("\n", regrouped) + tail))
                .isEqualTo(GoldenIO.run(new RuleEvaluator(r.build()), input + tail));
    }

    @org.junit.jupiter.api.Test
    void aSampleOlderThanItsSeriesLastOneCountsForGaugesOnly() {
        // in arrival order, as Prometheus ingests: 15@30 arrives after 20@40
        String input =
                """
                req 10 @0
                req 20 @40
                req 15 @30
                watermark 60
                """;
        RuleEvaluator e = new RuleEvaluator(rule().output(TOTAL).output(COUNT_SAMPLES).build());
        assertThat(GoldenIO.run(e, input))
                .containsExactly("req:1m_count_samples 3 @60", "req:1m_total 20 @60");
        assertThat(e.stats().outOfOrder()).isEqualTo(1);
    }
}
