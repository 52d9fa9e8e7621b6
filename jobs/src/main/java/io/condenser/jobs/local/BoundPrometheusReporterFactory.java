package io.condenser.jobs.local;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates a {@link BoundPrometheusReporter} from the reporter's {@link #HOST} and {@link #PORT}
 * keys ({@code metrics.reporter.<name>.host}, {@code .port}).
 */
public final class BoundPrometheusReporterFactory implements MetricReporterFactory {

    public static final String HOST = "host";
    public static final String PORT = "port";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        String host = properties.getProperty(HOST, "127.0.0.1");
        int port = Integer.parseInt(properties.getProperty(PORT, "9249"));
        return new BoundPrometheusReporter(host, port);
    }
}
