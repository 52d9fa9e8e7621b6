package io.condenser.jobs.testing;

import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** Reading a job's operator counters from an {@link InMemoryReporter}. */
public final class JobCounters {

    private JobCounters() {}

    /**
     * The sum over all subtasks of counter {@code name} of job {@code job}. (By group, not by
     * identifier: {@code getMetricsByIdentifiers} fails on the duplicate identifiers of chained
     * operators' I/O metrics.)
     */
    public static long sum(InMemoryReporter reporter, JobID job, String name) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                reporter.getMetricsByGroup().entrySet()) {
            if (job.toString().equals(g.getKey().getAllVariables().get("<job_id>"))
                    && g.getValue().get(name) instanceof Counter c) {
                sum += c.getCount();
            }
        }
        return sum;
    }
}
