package io.condenser.connectors.bench;

import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode + snappy-compress throughput of the remote-write request encoder, in samples per second on
 * one core: a request of 10,000 samples over 1,000 series (10 per series), labels shaped like
 * aggregation outputs (4 labels plus the name).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RemoteWriteRequestEncoderBenchmark {

    private static final int SAMPLES = 10_000;

    @Param({"1000"})
    public int series;

    private List<Sample> batch;

    @Setup
    public void setUp() {
        batch = new ArrayList<>(SAMPLES);
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < SAMPLES; i++) {
            int s = i % series;
            batch.add(
                    Sample.of(
                            "http_requests_rate_5m",
                            Labels.of(
                                    "cluster",
                                    "eu-west-1",
                                    "job",
                                    "api-gateway",
                                    "instance",
                                    "host-" + s + ".example.internal:9100",
                                    "status",
                                    Integer.toString(200 + s % 5)),
                            t0 + (i / series) * 10_000L,
                            i * 0.25));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public byte[] encodeAndCompress() {
        return RemoteWriteRequestEncoder.encode(batch);
    }
}
