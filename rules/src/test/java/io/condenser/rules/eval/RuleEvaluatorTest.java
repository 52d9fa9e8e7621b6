package io.condenser.rules.eval;

import static io.condenser.rules.support.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Output;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Evaluator behaviour beyond single golden cases: cleanup at scale, time jumps, NaN. */
class RuleEvaluatorTest {

    @Test
    void churningPodsLeaveNoStateBehind() {
        RuleEvaluator e = new RuleEvaluator(rule().by("job").output(Output.TOTAL).build());
        double lastTotal = 0;
        for (int minute = 0; minute < 60; minute++) {
            // every 5 minutes the pod is replaced; each pod counts up by 10 per sample
            String pod = "pod-" + minute / 5;
            for (int s = 0; s < 4; s++) {
                long ts = minute * 60_000L + s * 15_000L;
                e.add(
                        InputSample.of(
                                "req",
                                Map.of("job", "api", "pod", pod),
                                ts,
                                10.0 * (minute % 5 * 4 + s + 1)));
            }
            List<OutputSample> out = e.advanceWatermark((minute + 1) * 60_000L);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).value()).isGreaterThanOrEqualTo(lastTotal);
            lastTotal = out.get(0).value();
            assertThat(e.inputSeriesCount()).isLessThanOrEqualTo(2); // current pod + one fading
        }
        assertThat(lastTotal).isEqualTo(12 * 200.0); // 12 pods, each counted from 0 to 200
        e.advanceWatermark(Long.MAX_VALUE / 2);
        assertThat(e.inputSeriesCount()).isZero();
        assertThat(e.outputGroupCount()).isZero();
        assertThat(e.pendingSampleCount()).isZero();
    }

    @Test
    @Timeout(5)
    void aHugeWatermarkJumpIsBounded() {
        RuleEvaluator e = new RuleEvaluator(rule().output(Output.SUM_SAMPLES).build());
        e.add(InputSample.of("g", Map.of(), 0, 1));
        e.add(InputSample.of("g", Map.of(), 4_000_000_000_000L, 2)); // year 2096
        List<OutputSample> out = e.advanceWatermark(5_000_000_000_000L);
        assertThat(out)
                .extracting(OutputSample::toString)
                .containsExactly(
                        "g:1m_sum_samples 1 @60000",
                        "g:1m_sum_samples stale @180000",
                        "g:1m_sum_samples 2 @4000000020000",
                        "g:1m_sum_samples stale @4000000140000");
    }

    @Test
    void nanValuesAreSkippedAndCounted() {
        RuleEvaluator e = new RuleEvaluator(rule().output(Output.COUNT_SAMPLES).build());
        e.add(InputSample.of("g", Map.of(), 1000, Double.NaN));
        e.add(InputSample.of("g", Map.of(), 2000, 1));
        assertThat(e.advanceWatermark(60_000)).extracting(OutputSample::value).containsExactly(1.0);
        assertThat(e.stats().nan()).isEqualTo(1);
    }

    @Test
    void noSamplesNoOutputs() {
        RuleEvaluator e = new RuleEvaluator(rule().output(Output.TOTAL).build());
        assertThat(e.advanceWatermark(600_000)).isEmpty();
        e.add(InputSample.of("g", Map.of(), 10, 1)); // window [0, 60s) already closed
        assertThat(e.stats().late()).isEqualTo(1);
    }
}
