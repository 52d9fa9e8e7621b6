package io.condenser.jobs.local;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates the {@link StatusLineReporter} writing to stderr; the local run configures it as reporter
 * {@code status} (found through {@code META-INF/services}).
 */
public final class StatusLineReporterFactory implements MetricReporterFactory {

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new StatusLineReporter(System.err, System::currentTimeMillis);
    }
}
