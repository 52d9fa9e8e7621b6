package io.condenser.jobs.local;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;

/**
 * Flink's Prometheus reporter (the same names, labels and text format as {@code
 * PrometheusReporter}) serving on one address instead of all interfaces: Flink 2.2's reporter has
 * no bind-host option, and the local run opens nothing beyond loopback unless told to.
 *
 * <p>The collectors live in {@link AbstractPrometheusReporter}'s registry, which it keeps
 * package-private; it is read once by reflection here (the public class offers no other way to
 * serve it) and handed to the same {@link HTTPServer} Flink's reporter uses.
 */
final class BoundPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer server;

    BoundPrometheusReporter(String host, int port) {
        try {
            server = new HTTPServer(new InetSocketAddress(host, port), registry(this), true);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "metrics port " + port + " on " + host + " cannot be opened: " + e.getMessage(),
                    e);
        }
        log.info("Prometheus metrics on http://{}:{}/metrics", host, server.getPort());
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    private static CollectorRegistry registry(AbstractPrometheusReporter reporter) {
        try {
            Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
            f.setAccessible(true);
            return (CollectorRegistry) f.get(reporter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "flink-metrics-prometheus changed: no registry field in "
                            + AbstractPrometheusReporter.class.getName(),
                    e);
        }
    }
}
