package io.condenser.rules.bench;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AggregatorInput;
import io.condenser.rules.model.Output;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one {@code add} (per sample) and one {@code merge} of two states holding 1,000 samples
 * each (the pre-aggregation step before a shuffle), per output.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AggregatorBenchmark {

    private static final int BATCH = 1024;

    @Param({
        "SUM_SAMPLES",
        "AVG",
        "LAST",
        "STDDEV",
        "COUNT_SERIES",
        "UNIQUE_SAMPLES",
        "TOTAL",
        "RATE_SUM",
        "QUANTILES",
        "HISTOGRAM_BUCKET"
    })
    public Output output;

    private AggregatorInput[] inputs;
    private Aggregator target;
    private Aggregator left;
    private Aggregator right;

    private Aggregator create() {
        return switch (output) {
            case QUANTILES -> output.newAggregator(List.of(0.5, 0.9, 0.99));
            default -> output.newAggregator(List.of());
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        inputs = new AggregatorInput[BATCH];
        for (int i = 0; i < BATCH; i++) {
            // 100 series, latency-like values, 15 s scrape spacing
            inputs[i] =
                    new AggregatorInput(
                            random.nextInt(100),
                            1_700_000_000_000L + i * 15_000L,
                            Math.exp(random.nextGaussian()),
                            15_000,
                            false);
        }
        target = create();
    }

    @Setup(Level.Iteration)
    public void setUpMerge() {
        left = create();
        right = create();
        for (int i = 0; i < 1000; i++) {
            left.add(inputs[i]);
            right.add(inputs[(i + 7) % BATCH]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Aggregator addPerSample() {
        for (AggregatorInput in : inputs) {
            target.add(in);
        }
        return target;
    }

    /** Folding one 1,000-sample state into another (the target keeps growing for sketches). */
    @Benchmark
    public Aggregator merge1000SampleState() {
        left.merge(right);
        return left;
    }
}
