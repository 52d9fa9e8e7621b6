package io.condenser.jobs.local;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * The local run's status line on stderr, printed by Flink's reporter scheduler at the reporter's
 * interval ({@code metrics.reporter.status.interval}): samples/s in, outputs, late and rejected
 * samples, and the job's restarts when there were any, so a newcomer sees the job working before
 * the first window closes. Counters of a task that restarted start again at zero; the totals keep
 * what the old ones had counted.
 */
public final class StatusLineReporter implements MetricReporter, Scheduled {

    private final PrintStream out;
    private final LongSupplier clockMs;
    private final Map<Counter, StatusCounters> counters = new IdentityHashMap<>();
    private Gauge<?> restarts;
    private final EnumMap<StatusCounters, Long> retired = new EnumMap<>(StatusCounters.class);
    private long lastSamplesIn;
    private long lastReportMs;

    StatusLineReporter(PrintStream out, LongSupplier clockMs) {
        this.out = out;
        this.clockMs = clockMs;
        this.lastReportMs = clockMs.getAsLong();
        for (StatusCounters c : StatusCounters.values()) {
            retired.put(c, 0L);
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public synchronized void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        StatusCounters kind = StatusCounters.classify(name, group);
        if (kind != null && metric instanceof Counter c) {
            counters.put(c, kind);
        } else if (StatusCounters.RESTARTS.equals(name) && metric instanceof Gauge<?> g) {
            restarts = g;
        }
    }

    @Override
    public synchronized void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (metric == restarts) {
            restarts = null;
        }
        StatusCounters kind = metric instanceof Counter ? counters.remove(metric) : null;
        if (kind != null) {
            retired.merge(kind, ((Counter) metric).getCount(), Long::sum);
        }
    }

    @Override
    public void report() {
        out.println(statusLine());
    }

    /** The line for now; also moves the window the rate is measured over. */
    synchronized String statusLine() {
        EnumMap<StatusCounters, Long> totals = new EnumMap<>(retired);
        counters.forEach((c, kind) -> totals.merge(kind, c.getCount(), Long::sum));
        long now = clockMs.getAsLong();
        long in = totals.get(StatusCounters.SAMPLES_IN);
        double seconds = Math.max(1, now - lastReportMs) / 1000.0;
        long rate = Math.round(Math.max(0, in - lastSamplesIn) / seconds);
        lastSamplesIn = in;
        lastReportMs = now;
        String line =
                String.format(
                        "condenser: %,d samples/s in (%,d total), %,d outputs, %,d late, %,d"
                                + " rejected",
                        rate,
                        in,
                        totals.get(StatusCounters.OUTPUTS),
                        totals.get(StatusCounters.LATE),
                        totals.get(StatusCounters.REJECTED));
        long restarted = restarts();
        // a job that keeps failing restarts with backoff: say so, the log has the cause
        return restarted > 0
                ? line + String.format(", %,d restarts (the log says why)", restarted)
                : line;
    }

    private long restarts() {
        Object v = restarts == null ? null : restarts.getValue();
        return v instanceof Number n ? n.longValue() : 0;
    }
}
