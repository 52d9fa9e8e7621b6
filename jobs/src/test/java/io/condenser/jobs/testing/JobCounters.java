package io.condenser.jobs.testing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
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
        return sum(reporter, job, name, null);
    }

    /**
     * As {@link #sum(InMemoryReporter, JobID, String)} for one rule's counter (group {@code
     * rule=<name>}); {@code rule} null: the operators' own counters, not the per-rule ones.
     */
    public static long sum(InMemoryReporter reporter, JobID job, String name, String rule) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                reporter.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (job.toString().equals(vars.get("<job_id>"))
                    && Objects.equals(rule, vars.get("<rule>"))
                    && g.getValue().get(name) instanceof Counter c) {
                sum += c.getCount();
            }
        }
        return sum;
    }

    /** The sum over all subtasks of one rule's gauge {@code name}. */
    public static long gauge(InMemoryReporter reporter, JobID job, String name, String rule) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                reporter.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (job.toString().equals(vars.get("<job_id>"))
                    && rule.equals(vars.get("<rule>"))
                    && g.getValue().get(name) instanceof Gauge<?> m
                    && m.getValue() instanceof Number n) {
                sum += n.longValue();
            }
        }
        return sum;
    }

    /** The metric names registered for one rule, over all operators and subtasks. */
    public static Set<String> names(InMemoryReporter reporter, JobID job, String rule) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                reporter.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            if (job.toString().equals(vars.get("<job_id>")) && rule.equals(vars.get("<rule>"))) {
                names.addAll(g.getValue().keySet());
            }
        }
        return names;
    }
}
