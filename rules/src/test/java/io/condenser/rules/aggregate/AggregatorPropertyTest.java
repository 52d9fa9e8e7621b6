package io.condenser.rules.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.rules.model.Output;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Properties every output must have, checked on many random inputs with a fixed seed (so a failure
 * reproduces): merging is associative, equals adding everything into one state, leaves its argument
 * unchanged, and survives a serialization round trip.
 */
class AggregatorPropertyTest {

    private static final int TRIALS = 500;
    private static final List<Double> PHIS = List.of(0.0, 0.1, 0.5, 0.9, 0.99, 1.0);
    private static final List<Double> BUCKETS = List.of(-5.0, 0.0, 0.5, 1.0, 10.0, 100.0);

    static Aggregator newAggregator(Output output) {
        return switch (output) {
            case QUANTILES -> output.newAggregator(PHIS);
            case HISTOGRAM_BUCKET -> output.newAggregator(BUCKETS);
            default -> output.newAggregator(List.of());
        };
    }

    static List<AggregatorInput> randomInputs(Random random, Output output, int n) {
        List<AggregatorInput> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long series = random.nextInt(8);
            long ts = 1_700_000_000_000L + random.nextInt(60_000);
            // a mix of small integers (repeats, ties, exact sums) and arbitrary doubles
            double value =
                    random.nextBoolean()
                            ? random.nextInt(20) - 5
                            : (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(7) - 2);
            if (output.isCounter()) {
                boolean first = random.nextInt(5) == 0;
                long elapsed = first ? 0 : random.nextInt(30_000);
                inputs.add(new AggregatorInput(series, ts, Math.abs(value), elapsed, first));
            } else {
                inputs.add(AggregatorInput.sample(series, ts, value));
            }
        }
        return inputs;
    }

    @ParameterizedTest
    @EnumSource(Output.class)
    void mergeIsAssociativeAndEqualsAddingEverything(Output output) throws IOException {
        Random random = new Random(42 + output.id());
        for (int trial = 0; trial < TRIALS; trial++) {
            List<AggregatorInput> inputs = randomInputs(random, output, random.nextInt(80));
            int cut1 = random.nextInt(inputs.size() + 1);
            int cut2 = cut1 + random.nextInt(inputs.size() - cut1 + 1);

            Aggregator whole = addAll(output, inputs);
            Aggregator a = addAll(output, inputs.subList(0, cut1));
            Aggregator b = addAll(output, inputs.subList(cut1, cut2));
            Aggregator c = addAll(output, inputs.subList(cut2, inputs.size()));
            List<ResultPoint> bBefore = b.result();

            Aggregator left = copy(a);
            left.merge(b);
            left.merge(c);
            Aggregator bc = copy(b);
            bc.merge(c);
            Aggregator right = copy(a);
            right.merge(bc);

            String context = output + " trial " + trial + " cuts " + cut1 + "/" + cut2;
            assertSameResult(left.result(), whole.result(), context + " (a+b)+c vs all");
            assertSameResult(right.result(), whole.result(), context + " a+(b+c) vs all");
            assertSameResult(b.result(), bBefore, context + " merge changed its argument");
            assertSameResult(copy(whole).result(), whole.result(), context + " round trip");
        }
    }

    @ParameterizedTest
    @EnumSource(Output.class)
    void resetEmptiesAndEmptyMergeIsIdentity(Output output) {
        Random random = new Random(7 + output.id());
        List<AggregatorInput> inputs = randomInputs(random, output, 50);
        Aggregator agg = addAll(output, inputs);
        List<ResultPoint> before = agg.result();
        agg.merge(newAggregator(output));
        assertSameResult(agg.result(), before, output + ": merging an empty state");
        agg.reset();
        assertSameResult(agg.result(), newAggregator(output).result(), output + ": reset");
    }

    @ParameterizedTest
    @EnumSource(Output.class)
    void unknownStateVersionIsAnIOException(Output output) {
        byte[] bytes = AggregatorStates.toBytes(newAggregator(output));
        bytes[2] = 99; // after the 2-byte output id: the state's version byte
        assertThatThrownBy(() -> AggregatorStates.fromBytes(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @ParameterizedTest
    @EnumSource(Output.class)
    void mergingAnotherOutputIsRejected(Output output) {
        Output other = output == Output.SUM_SAMPLES ? Output.COUNT_SAMPLES : Output.SUM_SAMPLES;
        assertThatThrownBy(() -> newAggregator(output).merge(newAggregator(other)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Aggregator addAll(Output output, List<AggregatorInput> inputs) {
        Aggregator agg = newAggregator(output);
        inputs.forEach(agg::add);
        return agg;
    }

    static Aggregator copy(Aggregator agg) {
        try {
            Aggregator copy = AggregatorStates.fromBytes(AggregatorStates.toBytes(agg));
            assertThat(copy.output()).isEqualTo(agg.output());
            return copy;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertSameResult(List<ResultPoint> got, List<ResultPoint> want, String context) {
        assertThat(got).as(context).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            ResultPoint g = got.get(i);
            ResultPoint w = want.get(i);
            assertThat(g.nameSuffix()).as(context).isEqualTo(w.nameSuffix());
            assertThat(g.labelName()).as(context).isEqualTo(w.labelName());
            assertThat(g.labelValue()).as(context).isEqualTo(w.labelValue());
            // sums and moments may differ in the last bits with the order of additions
            double tolerance = 1e-9 * Math.max(1, Math.abs(w.value()));
            assertThat(g.value())
                    .as(context + " point " + i)
                    .isCloseTo(w.value(), within(tolerance));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance);
    }
}
