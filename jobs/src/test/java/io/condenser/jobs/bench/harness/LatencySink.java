package io.condenser.jobs.bench.harness;

import io.condenser.model.Sample;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Discards every sample after recording its latency: arrival wall-clock minus the sample's
 * timestamp (the window end; the benchmark's rules have {@code delay: 0}). Because the traffic's
 * event time is the wall clock, this is the time from a window's end until its results reach the
 * sink. JVM-wide static buffers: the MiniCluster runs in the harness's JVM.
 */
final class LatencySink implements Sink<Sample> {

    private static final long serialVersionUID = 1L;

    private static final int CAPACITY = 4_000_000;
    private static final long[] LATENCIES = new long[CAPACITY];
    private static final AtomicInteger RECORDED = new AtomicInteger();
    static final LongAdder RECEIVED = new LongAdder();
    static volatile boolean recording;

    /** Starts a new measurement. */
    static void reset() {
        recording = false;
        RECORDED.set(0);
        RECEIVED.reset();
    }

    /** Latencies recorded since {@link #reset}, sorted, in ms. */
    static long[] sortedLatencies() {
        long[] copy = Arrays.copyOf(LATENCIES, Math.min(RECORDED.get(), CAPACITY));
        Arrays.sort(copy);
        return copy;
    }

    /** Counts a sample reaching a sink and, while recording, its latency. */
    static void record(Sample s) {
        RECEIVED.increment();
        if (recording) {
            int slot = RECORDED.getAndIncrement();
            if (slot < CAPACITY) {
                LATENCIES[slot] = System.currentTimeMillis() - s.timestampMs();
            }
        }
    }

    @Override
    public SinkWriter<Sample> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(Sample s, Context ctx) {
                record(s);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
