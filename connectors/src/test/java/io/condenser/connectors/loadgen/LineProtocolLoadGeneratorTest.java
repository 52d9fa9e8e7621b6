package io.condenser.connectors.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.ParserOptions;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the load generator sends, parsed by the production line-protocol parser. */
@Timeout(60)
class LineProtocolLoadGeneratorTest {

    @Test
    void theTelegrafMixSends100SeriesPerHostWithMonotonicCounters() throws Exception {
        int hosts = 3;
        int rounds = 4;
        byte[] sent = capture("telegraf", hosts, 50L * hosts * rounds);
        List<Sample> samples = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        InputFormat.INFLUX
                .newParser(ParserOptions.defaults())
                .parse(
                        sent,
                        new ParseListener() {
                            @Override
                            public void onSample(Sample sample) {
                                samples.add(sample);
                            }

                            @Override
                            public void onRejected(Rejection rejection) {
                                rejected.add(rejection);
                            }
                        });
        assertThat(rejected).isEmpty();
        assertThat(samples).hasSize(100 * hosts * rounds);
        Map<String, List<Double>> bySeries = new HashMap<>();
        for (Sample s : samples) {
            bySeries.computeIfAbsent(s.seriesId(), k -> new ArrayList<>()).add(s.value());
        }
        assertThat(bySeries).hasSize(100 * hosts);
        assertThat(samples)
                .extracting(Sample::name)
                .contains(
                        "cpu_usage_idle",
                        "disk_used_percent",
                        "diskio_read_bytes",
                        "net_bytes_sent",
                        "http_requests_total");
        bySeries.forEach(
                (series, values) -> {
                    if (series.startsWith("http_requests_total")
                            || series.startsWith("net_bytes")
                            || series.startsWith("diskio_")) {
                        assertThat(values).as(series).isSorted();
                    }
                });
    }

    @Test
    void theCpuMixIsTheDefault() throws Exception {
        byte[] sent = capture(null, 2, 20);
        assertThat(new String(sent, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("cpu,cpu=cpu0,host=host-0-0 usage_user=");
    }

    /** Runs the generator against a local socket and returns every byte it wrote. */
    private static byte[] capture(String mix, int hosts, long lines) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (Socket s = server.accept();
                                        InputStream in = s.getInputStream()) {
                                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                                    in.transferTo(out);
                                    return out.toByteArray();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--target",
                                    "tcp://127.0.0.1:" + server.getLocalPort(),
                                    "--hosts",
                                    Integer.toString(hosts),
                                    "--batch",
                                    "10",
                                    "--max-lines",
                                    Long.toString(lines),
                                    "--duration",
                                    "30s"));
            if (mix != null) {
                args.addAll(List.of("--mix", mix));
            }
            LineProtocolLoadGenerator.Result r =
                    new LineProtocolLoadGenerator(
                                    LineProtocolLoadGenerator.Options.parse(
                                            args.toArray(new String[0])))
                            .run();
            assertThat(r.lines()).isEqualTo(lines);
            return received.get();
        }
    }
}
