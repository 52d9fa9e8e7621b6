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

    @Test
    void outputsDoNotDependOnHowSeriesInterleaveWithinTheDelay() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 50; trial++) {
            List<InputSample> samples = new java.util.ArrayList<>();
            for (int pod = 0; pod < 4; pod++) {
                double v = 0;
                for (long ts = 0; ts < 600_000; ts += 5_000 + random.nextInt(20_000)) {
                    v = random.nextInt(10) == 0 ? random.nextInt(5) : v + random.nextInt(100);
                    samples.add(InputSample.of("req", Map.of("job", "a", "pod", "p" + pod), ts, v));
                }
            }
            io.condenser.rules.model.Rule r =
                    rule().by("job")
                            .delay("30s")
                            .output(Output.TOTAL)
                            .output(Output.RATE_AVG)
                            .output(Output.INCREASE_PROMETHEUS)
                            .output(Output.QUANTILES, 0.5, 0.9)
                            .output(Output.LAST)
                            .output(Output.STDDEV)
                            .build();
            List<String> inOrder = replay(r, samples, 0);
            // each series delayed by its own lag of up to 30 s of event time (within the delay);
            // every series stays in its own order, as a scrape or a Kafka partition keeps it
            List<String> shuffled = replay(r, samples, 30_000);
            assertThat(shuffled).as("trial " + trial).isEqualTo(inOrder);
        }
    }

    /** Feeds samples in order of timestamp + a per-series lag ≤ maxLag, watermark = arrival. */
    private static List<String> replay(
            io.condenser.rules.model.Rule r, List<InputSample> samples, long maxLag) {
        java.util.Random random = new java.util.Random(samples.size());
        List<long[]> order = new java.util.ArrayList<>();
        Map<Object, Long> lags = new java.util.HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            long lag =
                    lags.computeIfAbsent(
                            samples.get(i).labels(),
                            k -> maxLag == 0 ? 0L : (long) random.nextInt((int) maxLag + 1));
            order.add(new long[] {samples.get(i).timestampMs() + lag, i});
        }
        order.sort(
                java.util.Comparator.comparingLong((long[] a) -> a[0])
                        .thenComparingLong(a -> a[1]));
        RuleEvaluator e = new RuleEvaluator(r);
        List<String> out = new java.util.ArrayList<>();
        for (long[] o : order) {
            e.add(samples.get((int) o[1]));
            e.advanceWatermark(o[0] - maxLag).forEach(x -> out.add(rounded(x)));
        }
        e.advanceWatermark(10_000_000).forEach(x -> out.add(rounded(x)));
        assertThat(e.stats().late()).isZero();
        return out;
    }

    /** Sums in another order differ in the last bits: compare 12 significant digits. */
    private static String rounded(OutputSample x) {
        return x.series()
                + " "
                + String.format(java.util.Locale.ROOT, "%.12g", x.value())
                + " @"
                + x.timestampMs();
    }
}
