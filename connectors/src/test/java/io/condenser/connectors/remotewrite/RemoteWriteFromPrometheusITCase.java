package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Sample;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real peer: Debian's Prometheus scrapes itself and remote-writes to a tiny receiver in this
 * test; every body it sends must parse without rejections, and the samples must carry the labels
 * Prometheus attached ({@code job}, {@code instance}).
 */
class RemoteWriteFromPrometheusITCase {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void decodesWhatPrometheusSends(@TempDir Path dir) throws Exception {
        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<Rejection> rejections = new CopyOnWriteArrayList<>();
        Map<String, Long> skipped = new ConcurrentHashMap<>();
        List<String> headers = new CopyOnWriteArrayList<>();
        HttpServer receiver =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext(
                "/receive",
                exchange -> {
                    byte[] body;
                    try (InputStream in = exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    headers.add(
                            exchange.getRequestHeaders().getFirst("Content-Encoding")
                                    + " "
                                    + exchange.getRequestHeaders().getFirst("Content-Type"));
                    // One parser per request: parsers are not thread-safe.
                    RemoteWriteRequestParser.builder()
                            .build()
                            .parse(
                                    body,
                                    new ParseListener() {
                                        @Override
                                        public void onSample(Sample s) {
                                            samples.add(s);
                                        }

                                        @Override
                                        public void onRejected(Rejection r) {
                                            rejections.add(r);
                                        }

                                        @Override
                                        public void onSkipped(String reason, long n) {
                                            skipped.merge(reason, n, Long::sum);
                                        }
                                    });
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
        receiver.start();
        int promPort = ExternalServer.freePort();
        String config =
                "scrape_configs:\n"
                        + "  - job_name: self\n"
                        + "    static_configs:\n"
                        + "      - targets: ['127.0.0.1:"
                        + promPort
                        + "']\n"
                        + "remote_write:\n"
                        + "  - url: http://127.0.0.1:"
                        + receiver.getAddress().getPort()
                        + "/receive\n"
                        + "    queue_config:\n"
                        + "      batch_send_deadline: 1s\n"
                        + "    metadata_config:\n"
                        + "      send_interval: 1s\n";
        try (PrometheusServer prom = new PrometheusServer(dir.resolve("prom"), config)) {
            prom.start(promPort);
            String instance = "127.0.0.1:" + promPort;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && !hasUp(samples, instance)) {
                Thread.sleep(200);
            }
            assertThat(hasUp(samples, instance)).as("an up sample from " + instance).isTrue();
        } finally {
            receiver.stop(0);
        }
        assertThat(rejections).isEmpty();
        assertThat(headers).allMatch(h -> h.equals("snappy application/x-protobuf"));
        Sample build =
                samples.stream()
                        .filter(s -> s.name().equals("prometheus_build_info"))
                        .findFirst()
                        .orElseThrow();
        assertThat(build.labels().get("version")).startsWith("2.");
        assertThat(build.labels().get("job")).isEqualTo("self");
        assertThat(samples).allMatch(s -> s.labels().get("job") != null || s.isStale());
    }

    private static boolean hasUp(List<Sample> samples, String instance) {
        return samples.stream()
                .anyMatch(
                        s ->
                                s.name().equals("up")
                                        && instance.equals(s.labels().get("instance"))
                                        && "self".equals(s.labels().get("job"))
                                        && s.value() == 1);
    }
}
