package io.condenser.connectors.bench;

import io.condenser.connectors.lineprotocol.LineProtocolParser;
import io.condenser.connectors.lineprotocol.Precision;
import io.condenser.connectors.parse.LineFramer;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Line-protocol parsing throughput on one thread, on Telegraf cpu/mem/net/disk/diskio/system lines
 * (5 to 15 fields). Scores are lines per second: each invocation parses {@link #LINES} lines.
 * Samples per second = lines per second x {@link #SAMPLES_PER_LINE} (printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class LineProtocolParserBenchmark {

    /** 20 hosts x 10 rounds x 10 lines. */
    static final int LINES = 2_000;

    static double SAMPLES_PER_LINE;

    private byte[] body;
    private LineProtocolParser parser;
    private LineFramer framer;
    private SinkListener listener;

    static final class SinkListener implements ParseListener {
        Blackhole bh;
        long samples;
        long rejected;

        @Override
        public void onSample(Sample sample) {
            samples++;
            bh.consume(sample);
        }

        @Override
        public void onRejected(Rejection rejection) {
            rejected++;
        }
    }

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        body = TelegrafCorpus.bytes(20, 10, 42);
        parser = LineProtocolParser.create(Precision.NANOSECONDS, System::currentTimeMillis);
        listener = new SinkListener();
        listener.bh = bh;
        parser.parse(body, listener);
        if (listener.rejected != 0) {
            throw new IllegalStateException("corpus has rejected lines: " + listener.rejected);
        }
        SAMPLES_PER_LINE = (double) listener.samples / LINES;
        System.out.printf(
                "%n%d lines, %d bytes, %.2f samples/line%n", LINES, body.length, SAMPLES_PER_LINE);
        framer =
                new LineFramer(
                        true,
                        LineFramer.DEFAULT_MAX_LINE_BYTES,
                        new LineFramer.Handler() {
                            long line;

                            @Override
                            public void onLine(byte[] buf, int off, int len, long lineNumber) {
                                parser.parseLine(buf, off, len, lineNumber, listener);
                            }

                            @Override
                            public void onRejected(Rejection rejection) {
                                listener.onRejected(rejection);
                            }
                        });
    }

    /** A whole body, as the HTTP {@code /write} handler parses it. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseBody() {
        parser.parse(body, listener);
    }

    /** The same bytes through the TCP framer in 8 KiB chunks, line by line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void framedChunks() {
        for (int off = 0; off < body.length; off += 8192) {
            framer.feed(body, off, Math.min(8192, body.length - off));
        }
        framer.endOfInput();
    }
}
