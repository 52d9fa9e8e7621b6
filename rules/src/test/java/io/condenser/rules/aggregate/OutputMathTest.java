package io.condenser.rules.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.condenser.rules.model.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact values of individual outputs, beyond the merge properties. */
class OutputMathTest {

    private static List<Double> values(Aggregator a) {
        return a.result().stream().map(ResultPoint::value).toList();
    }

    private static Aggregator gauge(Output o, double... vs) {
        Aggregator a = o.newAggregator(List.of());
        long ts = 0;
        for (double v : vs) {
            a.add(AggregatorInput.sample(0, ts += 1000, v));
        }
        return a;
    }

    @Test
    void gaugeOutputsOnFourSamples() {
        double[] vs = {2, 4, 4, 6};
        assertThat(values(gauge(Output.SUM_SAMPLES, vs))).containsExactly(16.0);
        assertThat(values(gauge(Output.COUNT_SAMPLES, vs))).containsExactly(4.0);
        assertThat(values(gauge(Output.MIN, vs))).containsExactly(2.0);
        assertThat(values(gauge(Output.MAX, vs))).containsExactly(6.0);
        assertThat(values(gauge(Output.AVG, vs))).containsExactly(4.0);
        assertThat(values(gauge(Output.LAST, vs))).containsExactly(6.0);
        assertThat(values(gauge(Output.STDVAR, vs))).containsExactly(2.0);
        assertThat(values(gauge(Output.STDDEV, vs))).containsExactly(Math.sqrt(2));
        assertThat(values(gauge(Output.UNIQUE_SAMPLES, vs))).containsExactly(3.0);
    }

    @Test
    void emptyGaugeStateProducesNothing() {
        for (Output o : Output.values()) {
            if (!o.isCounter() || o == Output.RATE_SUM || o == Output.RATE_AVG) {
                assertThat(AggregatorPropertyTest.newAggregator(o).result()).as(o.name()).isEmpty();
            }
        }
    }

    @Test
    void lastIsByTimestampNotArrival() {
        Aggregator a = Output.LAST.newAggregator(List.of());
        a.add(AggregatorInput.sample(0, 3000, 30));
        a.add(AggregatorInput.sample(0, 1000, 10));
        assertThat(values(a)).containsExactly(30.0);
    }

    @Test
    void varianceOfLargeCloseValuesDoesNotCancel() {
        // the naive E[x²]-E[x]² form returns garbage (even negative) here
        Aggregator a = gauge(Output.STDVAR, 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
        assertThat(values(a).get(0)).isCloseTo(22.5, offset(1e-6));
    }

    @Test
    void countSeriesCountsDistinctSeries() {
        Aggregator a = Output.COUNT_SERIES.newAggregator(List.of());
        a.add(AggregatorInput.sample(1, 0, 5));
        a.add(AggregatorInput.sample(1, 1, 5));
        a.add(AggregatorInput.sample(2, 0, 5));
        assertThat(values(a)).containsExactly(2.0);
    }

    @Test
    void rateSumAndAvgDividePerSeries() {
        // series 1: +30 over 15s = 2/s; series 2: +10 over 10 s (two deltas) = 1/s
        for (Output o : List.of(Output.RATE_SUM, Output.RATE_AVG)) {
            Aggregator a = o.newAggregator(List.of());
            a.add(new AggregatorInput(1, 15_000, 30, 15_000, false));
            a.add(new AggregatorInput(2, 5_000, 4, 5_000, false));
            a.add(new AggregatorInput(2, 10_000, 6, 5_000, false));
            a.add(new AggregatorInput(3, 10_000, 100, 0, true)); // new series: no rate yet
            assertThat(values(a)).containsExactly(o == Output.RATE_SUM ? 3.0 : 1.5);
        }
    }

    @Test
    void totalAndPrometheusVariantDifferOnlyOnFirstSamples() {
        Aggregator total = Output.TOTAL.newAggregator(List.of());
        Aggregator prom = Output.TOTAL_PROMETHEUS.newAggregator(List.of());
        for (Aggregator a : List.of(total, prom)) {
            a.add(new AggregatorInput(1, 0, 10, 0, true));
            a.add(new AggregatorInput(1, 1000, 5, 1000, false));
        }
        assertThat(values(total)).containsExactly(15.0);
        assertThat(values(prom)).containsExactly(5.0);
        assertThat(total.cumulative()).isTrue();
        assertThat(Output.INCREASE.newAggregator(List.of()).cumulative()).isFalse();
    }

    @Test
    void totalRestartsAtZeroPastFloatPrecision() {
        Aggregator a = Output.TOTAL.newAggregator(List.of());
        a.add(new AggregatorInput(1, 0, 0x1p53, 1000, false));
        assertThat(values(a)).containsExactly(0x1p53);
        a.afterEmit();
        assertThat(values(a)).containsExactly(0.0);
    }

    @Test
    void histogramBucketsAreCumulativeWithInfSumAndCount() {
        Aggregator a = Output.HISTOGRAM_BUCKET.newAggregator(List.of(1.0, 0.1, 0.5));
        for (double v : new double[] {0.05, 0.1, 0.3, 0.7, 2}) {
            a.add(AggregatorInput.sample(0, 0, v));
        }
        List<String> got = new ArrayList<>();
        for (ResultPoint p : a.result()) {
            got.add(
                    p.nameSuffix()
                            + (p.labelName() == null ? "" : "{le=" + p.labelValue() + "}")
                            + " "
                            + p.value());
        }
        assertThat(got)
                .containsExactly(
                        "_bucket{le=0.1} 2.0", // le is inclusive: 0.1 is in le=0.1
                        "_bucket{le=0.5} 3.0",
                        "_bucket{le=1} 4.0",
                        "_bucket{le=+Inf} 5.0",
                        "_sum 3.15",
                        "_count 5.0");
    }

    @Test
    void histogramDefaultsToPrometheusBuckets() {
        HistogramBucketAggregator a = new HistogramBucketAggregator(List.of());
        assertThat(a.bounds()).isEqualTo(HistogramBucketAggregator.DEFAULT_BUCKETS);
    }

    @Test
    void quantilesStayWithinTheDocumentedRankErrorOnLargeMergedInput() {
        Random random = new Random(1);
        List<Double> phis = List.of(0.5, 0.9, 0.99);
        int n = 200_000;
        double[] all = new double[n];
        Aggregator merged = Output.QUANTILES.newAggregator(phis);
        for (int part = 0; part < 10; part++) {
            Aggregator p = Output.QUANTILES.newAggregator(phis);
            for (int i = part * n / 10; i < (part + 1) * n / 10; i++) {
                all[i] = Math.exp(random.nextGaussian()); // skewed, like latencies
                p.add(AggregatorInput.sample(0, 0, all[i]));
            }
            merged.merge(p);
        }
        Arrays.sort(all);
        List<ResultPoint> result = merged.result();
        assertThat(QuantilesAggregator.RANK_ERROR).isBetween(0.01, 0.02);
        for (int i = 0; i < phis.size(); i++) {
            double q = result.get(i).value();
            int rank = Arrays.binarySearch(all, q);
            double normalizedRank = (double) (rank < 0 ? -rank - 1 : rank + 1) / n;
            assertThat(normalizedRank)
                    .as("φ=" + phis.get(i))
                    .isCloseTo(phis.get(i), offset(QuantilesAggregator.RANK_ERROR));
            assertThat(result.get(i).labelValue()).isEqualTo(LabelFloats.format(phis.get(i)));
        }
    }

    @Test
    void labelFloatsLookLikePrometheus() {
        assertThat(LabelFloats.format(1.0)).isEqualTo("1");
        assertThat(LabelFloats.format(0.005)).isEqualTo("0.005");
        assertThat(LabelFloats.format(2.5)).isEqualTo("2.5");
        assertThat(LabelFloats.format(0.99)).isEqualTo("0.99");
        assertThat(LabelFloats.format(1000)).isEqualTo("1000");
        assertThat(LabelFloats.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(LabelFloats.format(-0.0)).isEqualTo("0");
    }

    @Test
    void quantilesAreExactUpToKSamples() {
        List<Double> phis = List.of(0.01, 0.5, 0.99);
        Aggregator a = Output.QUANTILES.newAggregator(phis);
        double[] all = new double[QuantilesAggregator.K];
        Random random = new Random(5);
        for (int i = 0; i < all.length; i++) {
            all[i] = random.nextDouble();
            a.add(AggregatorInput.sample(0, 0, all[i]));
        }
        Arrays.sort(all);
        // inclusive: the smallest value whose rank (1-based) / n >= φ
        assertThat(values(a))
                .containsExactly(
                        all[(int) Math.ceil(0.01 * all.length) - 1],
                        all[(int) Math.ceil(0.5 * all.length) - 1],
                        all[(int) Math.ceil(0.99 * all.length) - 1]);
    }
}
