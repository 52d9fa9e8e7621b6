package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.testing.Oracle;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.eval.OutputSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a MiniCluster (parallelism 2, RocksDB, incremental checkpoints, no generic
 * types) against {@link io.condenser.rules.eval.RuleEvaluator} on the same input: the one oracle.
 * The input holds every event-time edge case: out of order within the delay, late beyond it,
 * duplicates, NaN, counter resets, series churn, an input staleness marker, groups that go quiet.
 */
class PipelineOracleITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final long T0 = 1_700_000_040_000L; // a minute boundary
    static final long BOUND = 5_000;

    static final String RULES =
            """
            rules:
              - name: temp-by-host
                match: temp
                interval: 1m
                delay: 15s
                staleness_interval: 2m
                by: [host]
                outputs: [sum_samples, count_samples, min, max, avg, last, count_series, stddev, stdvar, unique_samples]
              - name: temp-dedup
                match: temp
                interval: 1m
                dedup_interval: 30s
                without: [dc]
                outputs: [sum_samples, histogram_bucket]
                buckets: [20, 22, 24, 50]
              - name: req-by-job
                match: req_total
                interval: 1m
                delay: 15s
                staleness_interval: 2m
                by: [job]
                outputs: [total, increase, rate_sum, rate_avg, total_prometheus, increase_prometheus]
            """;

    @TempDir Path checkpoints;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyOutputMatchesTheReferenceEvaluator() throws Exception {
        List<Sample> input = input();
        List<OutputSample> expected = Oracle.run(RULES, input, BOUND);
        List<Sample> actual =
                PipelineRunner.run(
                        checkpoints,
                        PipelineSettings.defaults(),
                        input,
                        List.of(PipelineRunner.rules(1, RULES)),
                        BOUND);

        Map<String, Double> want = Oracle.keyed(expected);
        Map<String, Double> got = Oracle.keyed(Oracle.fromSamples(actual));
        assertThat(want).isNotEmpty();
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        for (Map.Entry<String, Double> e : want.entrySet()) {
            double w = e.getValue();
            double g = got.get(e.getKey());
            assertThat(Math.abs(g - w))
                    .as(e.getKey() + ": got " + g + ", want " + w)
                    .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(w)));
        }
        // the edge cases are really in there
        assertThat(want.keySet()).anyMatch(k -> k.contains(" stale @"));
        assertThat(want.keySet()).anyMatch(k -> k.startsWith("req_total:1m_by_job_total"));
    }

    /** 10 minutes of 10 s samples with every edge case, in arrival order. */
    static List<Sample> input() {
        return input(true);
    }

    /**
     * @param late with samples late beyond the delay
     */
    static List<Sample> input(boolean late) {
        List<Sample> in = new ArrayList<>();
        double[] counter = {0, 0, 0};
        for (int step = 0; step < 60; step++) {
            long ts = T0 + step * 10_000L;
            for (int h = 1; h <= 3; h++) {
                if (h == 3 && step >= 25) {
                    continue; // host 3 goes away: its group goes stale, markers follow
                }
                for (String dc : new String[] {"a", "b"}) {
                    double v = 20 + h + (step % 7) * 0.5 + (dc.equals("a") ? 0 : 0.25);
                    in.add(gauge(h, dc, ts, v));
                }
            }
            // pods: p1 resets at step 24, p2 is replaced by p3 at step 30 (churn)
            counter[0] = step == 24 ? 3 : counter[0] + 5 + step % 3;
            in.add(req("p1", ts, counter[0]));
            if (step < 30) {
                counter[1] += 2;
                in.add(req("p2", ts, counter[1]));
            } else {
                counter[2] += 4;
                in.add(req("p3", ts, counter[2] + 1000));
            }
            if (step == 30) {
                in.add(Sample.staleMarker("req_total", Labels.of("job", "api", "pod", "p2"), ts));
            }
            if (step % 9 == 4) {
                // out of order but within the delay: an earlier sample of the same series
                in.add(gauge(1, "a", ts - 5_000, 99));
                in.add(req("p1", ts - 3_000, counter[0] - 1));
            }
            if (late && step % 11 == 7) {
                // late beyond the delay: its window closed long ago
                in.add(gauge(2, "b", ts - 120_000, -50));
                in.add(req("p1", ts - 150_000, 1));
            }
            if (step % 13 == 5) {
                in.add(gauge(1, "b", ts, 42)); // duplicate timestamp: replaces the first
                in.add(gauge(2, "a", ts + 1, Double.NaN));
            }
        }
        return in;
    }

    static Sample gauge(int host, String dc, long ts, double v) {
        return Sample.of("temp", Labels.of("host", "h" + host, "dc", dc), ts, v);
    }

    static Sample req(String pod, long ts, double v) {
        return Sample.of("req_total", Labels.of("job", "api", "pod", pod), ts, v);
    }
}
