package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.testing.Fleet;
import io.condenser.jobs.testing.LiveJob;
import io.condenser.jobs.testing.LiveReference;
import io.condenser.model.Sample;
import io.condenser.rules.engine.EngineCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule changes while traffic flows, with no gating of anything: the production rule-file source
 * picks up a rewritten file while agents keep writing to the production direct source. One rule is
 * unchanged, one changes its outputs, one its grouping and interval, one is removed and one added,
 * over every output kind. The reference evaluator, given the same two sets and an effective time
 * that rounds to the same cutovers, must produce exactly the job's output across the boundary: the
 * old definitions complete up to it, the new ones complete from it, nothing in between lost; an
 * invalid set is rejected and changes nothing. And a savepoint taken within one interval of an
 * update, restored at another parallelism, keeps it so.
 */
class RuleChangeLiveITCase {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final String V1 =
            """
            rules:
              - name: gauges
                match: temp_celsius
                interval: 2s
                by: [dc]
                outputs: [sum_samples, count_samples, min, max, avg, last, stddev, stdvar,
                          count_series, unique_samples, 'quantiles(0.5, 0.9)', histogram_bucket]
                buckets: [22, 25, 28]
              - name: reshaped
                match: temp_celsius
                interval: 2s
                by: [dc]
                output_name: reshaped
                outputs: [sum_samples, max]
              - name: counters
                match: http_requests_total
                interval: 2s
                by: [dc]
                outputs: [total, total_prometheus, increase, increase_prometheus, rate_sum, rate_avg]
              - name: gone
                match: temp_celsius
                interval: 2s
                by: [host]
                outputs: [max]
            """;

    /**
     * gauges unchanged; reshaped: other outputs; counters: by nothing, every 4 s; gone: removed.
     */
    static final String V2 =
            """
            rules:
              - name: gauges
                match: temp_celsius
                interval: 2s
                by: [dc]
                outputs: [sum_samples, count_samples, min, max, avg, last, stddev, stdvar,
                          count_series, unique_samples, 'quantiles(0.5, 0.9)', histogram_bucket]
                buckets: [22, 25, 28]
              - name: reshaped
                match: temp_celsius
                interval: 2s
                by: [dc]
                output_name: reshaped
                outputs: [sum_samples, min]
              - name: counters
                match: http_requests_total
                interval: 4s
                by: []
                outputs: [total, increase, rate_sum]
              - name: added
                match: http_requests_total
                interval: 2s
                by: [host]
                outputs: [increase_prometheus, rate_avg]
            """;

    static final long OUT_OF_ORDER = 1_000;

    static long deadline() {
        return System.currentTimeMillis() + 60_000;
    }

    /**
     * Waits for the next instant 300 ms past a 4 s boundary, rewrites the rules there, and returns
     * the effective time the reference takes: the source stamps the update when its 200 ms poll
     * sees the file, so any instant up to 1.7 s later rounds to the same cutovers (every interval
     * here divides 4 s).
     */
    static long publishAfterABoundary(LiveJob job, Fleet fleet, String yaml) throws Exception {
        long at = (System.currentTimeMillis() / 4_000 + 1) * 4_000 + 300;
        while (System.currentTimeMillis() < at) {
            fleet.send(System.currentTimeMillis());
            Thread.sleep(Math.min(250, Math.max(1, at - System.currentTimeMillis())));
        }
        job.rules(yaml);
        return at + 200;
    }

    static void assertMatchesReference(String what, LiveJob job, Fleet fleet, long effectiveFromMs)
            throws Exception {
        long cutoff =
                LiveReference.lastClosedWindowEnd(
                        fleet.slowestLastTimestampMs(), OUT_OF_ORDER, 4_000, 0);
        List<Sample> want =
                LiveReference.outputs(
                        List.of(
                                new LiveReference.Rules(V1, Long.MIN_VALUE),
                                new LiveReference.Rules(V2, effectiveFromMs)),
                        fleet.written());
        int expected = LiveReference.upTo(want, cutoff).size();
        List<Sample> got =
                job.awaitOutputs(
                        out -> LiveReference.upTo(out, cutoff).size() >= expected,
                        Duration.ofSeconds(60));
        LiveReference.assertSame(what, got, want, cutoff);
        // both sides of the cutover are there, for the changed and the added rules
        assertThat(LiveReference.upTo(got, cutoff))
                .anyMatch(s -> s.name().equals("reshaped_min"))
                .anyMatch(s -> s.name().equals("reshaped_max") && !s.isStale())
                .anyMatch(s -> s.name().equals("reshaped_max") && s.isStale())
                .anyMatch(s -> s.name().startsWith("http_requests_total:4s_total"))
                .anyMatch(s -> s.name().startsWith("http_requests_total:2s_by_dc_total"))
                .anyMatch(s -> s.name().startsWith("http_requests_total:2s_by_host_rate_avg"))
                .anyMatch(s -> s.name().startsWith("temp_celsius:2s_by_host_max") && s.isStale());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void changedRemovedAndAddedRulesSwitchAtOneBoundaryAndLoseNoWindow(@TempDir Path dir)
            throws Exception {
        try (LiveJob job = new LiveJob(dir, V1, 2, LiveJob.quickEventTime()).start();
                Fleet fleet = new Fleet(job.port(), 4)) {
            fleet.connectAll(deadline());
            fleet.sendLive(6_000, 250);
            long effective = publishAfterABoundary(job, fleet, V2);
            fleet.sendLive(3_000, 250);
            // an agent drops its connection and comes back (maybe to the other subtask)
            fleet.host(0).agent().disconnect();
            fleet.sendLive(1_000, 250);
            fleet.host(0).agent().connect(deadline());
            fleet.sendLive(2_000, 250);
            // a set that does not validate is rejected as a whole (by each match subtask); the
            // rules in force stay
            long applied = job.counter(REPORTER, "rule_sets_applied");
            job.rules(V2.replace("interval: 4s", "interval: 4parsecs"));
            fleet.sendLive(6_000, 250);
            assertThat(job.counter(REPORTER, "rule_sets_rejected")).isPositive();
            assertThat(job.counter(REPORTER, "rule_sets_applied")).isEqualTo(applied);
            assertMatchesReference("live rule change", job, fleet, effective);
            assertThat(job.counter(REPORTER, EngineCounter.SAMPLES_LATE.metricName())).isZero();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSavepointWithinAnIntervalOfAnUpdateRestoresAtAnotherParallelism(@TempDir Path dir)
            throws Exception {
        LiveJob restored = null;
        try (LiveJob job = new LiveJob(dir, V1, 2, LiveJob.quickEventTime()).start();
                Fleet fleet = new Fleet(job.port(), 4)) {
            fleet.connectAll(deadline());
            fleet.sendLive(6_000, 250);
            long effective = publishAfterABoundary(job, fleet, V2);
            fleet.sendLive(600, 200);
            // the agents lose the job (they buffer), it stops with a savepoint and comes back
            // at parallelism 1; what they buffered meanwhile arrives after the restore
            for (Fleet.Host h : fleet.hosts()) {
                h.agent().disconnect();
            }
            Thread.sleep(500); // what reached the source is in the pipeline
            String savepoint = job.stopWithSavepoint(dir.resolve("savepoints"));
            restored = job.restoredAt(1, savepoint);
            long bufferUntil = System.currentTimeMillis() + 2_000;
            while (System.currentTimeMillis() < bufferUntil) {
                fleet.send(System.currentTimeMillis());
                Thread.sleep(250);
            }
            fleet.connectAll(deadline());
            fleet.sendLive(10_000, 250);
            assertMatchesReference("rule change across a restore", restored, fleet, effective);
        } finally {
            if (restored != null) {
                restored.close();
            }
        }
    }
}
