package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.testing.JobCounters;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Sample;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.EngineLevel;
import io.condenser.rules.eval.RuleSetEvaluator;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job exports per rule (group {@code rule=<name>}) is what the reference evaluator counts
 * for that rule on the same input: every counter of every stage, and the levels it ends with. The
 * input is {@link PipelineOracleITCase}'s (late, out of order, duplicates, NaN, resets, churn,
 * groups going stale), so each counter is exercised by at least one rule; a rule that matches
 * nothing must show zeros, not be missing.
 */
class PerRuleAccountingITCase {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final String RULES =
            PipelineOracleITCase.RULES
                    + """
                      - name: nothing-matches
                        match: no_such_metric
                        interval: 1m
                        outputs: [sum_samples]
                    """;

    @TempDir Path checkpoints;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void perRuleCountersAndLevelsMatchTheReferenceEvaluator() throws Exception {
        List<Sample> input = PipelineOracleITCase.input();
        RuleSet set = load(RULES);

        RuleSetEvaluator reference = new RuleSetEvaluator();
        reference.applyRules(set, Long.MIN_VALUE);
        long watermark = Long.MIN_VALUE;
        for (Sample s : input) {
            reference.add(s);
            watermark = Math.max(watermark, s.timestampMs() - PipelineOracleITCase.BOUND);
            reference.advanceWatermark(watermark);
        }
        reference.advanceWatermark(Long.MAX_VALUE);

        PipelineRunner.run(
                checkpoints,
                PipelineSettings.defaults(),
                input,
                List.of(PipelineRunner.rules(1, RULES)),
                PipelineOracleITCase.BOUND);
        JobID job = onlyJob();

        SoftAssertions soft = new SoftAssertions();
        long exercised = 0;
        for (Rule rule : set.enabledRules()) {
            String name = rule.name();
            for (EngineCounter c : EngineCounter.values()) {
                long want = reference.stats(name).count(c);
                exercised += want;
                soft.assertThat(JobCounters.sum(REPORTER, job, c.metricName(), name))
                        .as(name + " " + c.metricName())
                        .isEqualTo(want);
            }
            for (EngineLevel l : EngineLevel.values()) {
                soft.assertThat(JobCounters.gauge(REPORTER, job, l.metricName(), name))
                        .as(name + " " + l.metricName())
                        .isEqualTo(reference.level(name, l));
            }
        }
        soft.assertAll();

        // the comparison is not vacuous: the input exercises the counters that matter most
        assertThat(exercised).isPositive();
        assertThat(reference.stats("temp-by-host").count(EngineCounter.SAMPLES_LATE)).isPositive();
        assertThat(reference.stats("temp-dedup").count(EngineCounter.SAMPLES_DEDUPLICATED))
                .isPositive();
        assertThat(reference.stats("req-by-job").count(EngineCounter.OUTPUTS)).isPositive();
        assertThat(reference.stats("temp-by-host").count(EngineCounter.GROUPS_STALE)).isPositive();
        // every rule is exported, also the one that never matched
        assertThat(JobCounters.names(REPORTER, job, "nothing-matches"))
                .contains(
                        EngineCounter.SAMPLES_MATCHED.metricName(),
                        EngineCounter.OUTPUTS.metricName());
    }

    static RuleSet load(String yaml) {
        RuleSetLoader.Result loaded =
                RuleSetLoader.loadTexts(new TreeMap<>(Map.of("rules.yaml", yaml)), 1);
        assertThat(loaded.ok()).as(String.valueOf(loaded.problems())).isTrue();
        return loaded.ruleSet();
    }

    static JobID onlyJob() {
        return REPORTER.getMetricsByGroup().keySet().stream()
                .map(g -> g.getAllVariables().get("<job_id>"))
                .filter(id -> id != null)
                .distinct()
                .map(JobID::fromHexString)
                .reduce(
                        (a, b) -> {
                            throw new AssertionError("more than one job: " + a + ", " + b);
                        })
                .orElseThrow();
    }
}
