package io.condenser.connectors.bench;

import io.condenser.connectors.remotewrite.RemoteWriteRequestParser;
import io.condenser.connectors.remotewrite.proto.Prompb;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.xerial.snappy.Snappy;

/**
 * Samples per second per core for one remote-write request as Prometheus sends them: 1,000 series
 * of one sample each, 7 labels per series (node_exporter-like names and values), snappy block
 * format. Includes snappy decoding, protobuf decoding and label validation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RemoteWriteRequestParserBenchmark {

    static final int SERIES = 1_000;

    private byte[] body;
    private RemoteWriteRequestParser parser;
    private GraphiteParserBenchmark.BlackholeListener listener;

    @Setup
    public void setup(Blackhole bh) throws IOException {
        body = Snappy.compress(request().toByteArray());
        parser = RemoteWriteRequestParser.builder().build();
        listener = new GraphiteParserBenchmark.BlackholeListener(bh);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void parse() {
        parser.parse(body, listener);
    }

    static Prompb.WriteRequest request() {
        Prompb.WriteRequest.Builder w = Prompb.WriteRequest.newBuilder();
        String[] names = {
            "node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
            "node_network_receive_bytes_total", "node_filesystem_avail_bytes",
            "node_disk_io_time_seconds_total"
        };
        for (int i = 0; i < SERIES; i++) {
            w.addTimeseries(
                    Prompb.TimeSeries.newBuilder()
                            .addLabels(label("__name__", names[i % names.length]))
                            .addLabels(label("cpu", Integer.toString(i % 16)))
                            .addLabels(label("datacenter", "eu-west-1"))
                            .addLabels(label("instance", "node-" + (i / 50) + ".example.com:9100"))
                            .addLabels(label("job", "node"))
                            .addLabels(label("mode", i % 2 == 0 ? "idle" : "user"))
                            .addLabels(label("team", "platform"))
                            .addSamples(
                                    Prompb.Sample.newBuilder()
                                            .setValue(i * 1.5)
                                            .setTimestamp(1_700_000_000_000L + i)));
        }
        return w.build();
    }

    private static Prompb.Label label(String n, String v) {
        return Prompb.Label.newBuilder().setName(n).setValue(v).build();
    }
}
