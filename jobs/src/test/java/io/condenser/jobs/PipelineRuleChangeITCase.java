package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import io.condenser.jobs.testing.CollectingSink;
import io.condenser.jobs.testing.GatedRuleUpdates;
import io.condenser.jobs.testing.Gates;
import io.condenser.jobs.testing.JobCounters;
import io.condenser.jobs.testing.Oracle;
import io.condenser.jobs.testing.OutputAssertions;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.jobs.testing.PunctuatedWatermarks;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.engine.WindowSteps;
import io.condenser.rules.eval.OutputSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule-set update while metrics flow (MiniCluster, parallelism 2, RocksDB, checkpoints, no
 * generic types). v1 = {a, b, c}; mid-stream v2 = {a unchanged, b changed, d added} (c removed);
 * then an invalid v3, rejected. Every rule's output is compared with the reference evaluator:
 *
 * <ul>
 *   <li>a (unchanged): the oracle over the whole input, no window lost, none twice;
 *   <li>b (changed): the old definition's oracle up to a window boundary W, then the new
 *       definition's oracle over the samples from its first window on; no window has both;
 *   <li>c (removed): the oracle up to a boundary, then one staleness marker per series it emitted,
 *       then nothing;
 *   <li>d (added): the oracle over the samples from its first window on, which starts at the
 *       documented boundary (the end of the window holding the match stage's watermark);
 *   <li>v3 is rejected: b and d keep matching v2's oracle to the end of the input.
 * </ul>
 *
 * <p>b's windows still open at the update are discarded (documented in docs/architecture.md), so
 * between W and the new definition's first window there is a gap: asserted empty, not filled.
 *
 * <p>Determinism: the metrics and the rule updates come from sources that stop at test-controlled
 * gates (the MiniCluster runs in this JVM). The metrics stop at the update point; the test waits
 * until every window the watermark has closed reached the sink, releases v2, waits until every
 * stage reports it applied (operator metrics through an {@link InMemoryReporter}), and only then
 * lets the metrics go on. The assertions are relative to the boundary the output shows, so the
 * timing of the stages could move W but not the verdict; stopping the metrics also rules out the
 * ordering race {@code RuleUpdateOrderingTest} reproduces (an incomplete last old window).
 */
class PipelineRuleChangeITCase {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final long T0 = 1_700_000_040_000L; // a minute boundary
    static final long INTERVAL = 10_000; // every rule's
    static final long BOUND = 1_000; // watermark lag
    static final int STEPS = 200; // one sample per series and second: 20 windows
    static final int HOSTS = 6; // temp{host, dc}: gauges
    static final int PODS = 4; // req_total{job, pod}: counters
    static final int PER_STEP = HOSTS + PODS;
    static final int REJECT_AT_STEP = 140;
    static final long WAIT_MS = 45_000; // any single wait; a hang fails, it never passes

    static final String A =
            """
            - name: a
              match: temp
              interval: 10s
              delay: 2s
              by: [host]
              output_name: a
              outputs: [sum_samples, max]
            """;
    static final String B_OLD =
            """
            - name: b
              match: req_total
              interval: 10s
              delay: 2s
              by: [job]
              output_name: b
              outputs: [rate_sum, total]
            """;
    static final String B_NEW = B_OLD.replace("[rate_sum, total]", "[rate_sum, increase]");
    static final String C =
            """
            - name: c
              match: temp
              interval: 10s
              by: [dc]
              output_name: c
              outputs: [count_samples, max]
            """;
    static final String D =
            """
            - name: d
              match: req_total
              interval: 10s
              delay: 1s
              by: [pod]
              output_name: d
              outputs: [increase, count_samples]
            """;

    /** Drops b and has an unknown output: applied, b would stop; it must be rejected whole. */
    static final String BROKEN =
            """
            - name: broken
              match: temp
              interval: 10s
              outputs: [no_such_output]
            """;

    static final String V1 = rules(A, B_OLD, C);
    static final String V2 = rules(A, B_NEW, D);
    static final String V3 = rules(A, D, BROKEN);
    static final Map<String, Long> DELAYS = Map.of("a", 2_000L, "b", 2_000L, "c", 0L);

    static final List<Sample> INPUT = input();

    @TempDir Path checkpoints;

    static String rules(String... rules) {
        StringBuilder sb = new StringBuilder("rules:\n");
        for (String r : rules) {
            sb.append(r.indent(2));
        }
        return sb.toString();
    }

    /**
     * Every series in timestamp order (series k is k × 50 ms behind the second, so series
     * interleave within the watermark bound); one counter resets before and one after the update.
     */
    static List<Sample> input() {
        List<Sample> in = new ArrayList<>();
        double[] counters = new double[PODS];
        for (int step = 0; step < STEPS; step++) {
            long second = T0 + step * 1_000L;
            for (int h = 0; h < HOSTS; h++) {
                Labels l = Labels.of("host", "h" + h, "dc", h % 2 == 0 ? "a" : "b");
                double v = 20 + h + ((step * 7 + h) % 11) * 0.5;
                in.add(Sample.of("temp", l, second + h * 50L, v));
            }
            for (int p = 0; p < PODS; p++) {
                boolean reset = p == 1 && (step == 40 || step == 120);
                counters[p] = reset ? 2 : counters[p] + 1 + (step + p) % 4;
                Labels l = Labels.of("job", p < 2 ? "api" : "web", "pod", "p" + p);
                in.add(Sample.of("req_total", l, second + (HOSTS + p) * 50L, counters[p]));
            }
        }
        return in;
    }

    /**
     * @param updateAt index of the first sample that passes after v2: 800 = the first of second 80
     *     (watermark 78.45 s, mid-window); 811 = the second of second 81 (watermark exactly 80 s, a
     *     window boundary, with samples of that window on both sides of the update)
     */
    @ParameterizedTest(name = "update before input sample {0}")
    @ValueSource(ints = {80 * PER_STEP, 81 * PER_STEP + 1})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void addedChangedRemovedAndRejectedRulesAreExact(int updateAt) throws Exception {
        int rejectAt = REJECT_AT_STEP * PER_STEP;
        long wmAtUpdate = maxTimestamp(INPUT.subList(0, updateAt)) - BOUND;
        Gates metricGates = new Gates(2 * WAIT_MS);
        Gates ruleGates = new Gates(2 * WAIT_MS);
        ruleGates.open(1); // v1 at once
        CollectingSink sink = new CollectingSink();
        JobClient job = start(metricGates, new int[] {0, updateAt, rejectAt}, ruleGates, sink);
        try {
            JobID id = job.getJobID();
            await("v1 applied", () -> JobCounters.sum(REPORTER, id, "rule_sets_applied") >= 1);
            metricGates.open(1);

            await("metrics at the update point", () -> metricGates.reached() >= 2);
            Set<String> closed = closedBy(wmAtUpdate);
            await("windows closed so far in the sink", () -> keys(sink).containsAll(closed));
            ruleGates.open(2);
            // keyed state: b's 4 input series (c is a gauge rule: no per-series state), and
            // b's and c's 2 + 2 groups
            await(
                    "v2 applied by the match stage",
                    () -> JobCounters.sum(REPORTER, id, "rule_sets_applied") >= 2);
            await(
                    "v2 applied by the series stage",
                    () -> JobCounters.sum(REPORTER, id, "series_removed_by_rule_update") >= PODS);
            await(
                    "v2 applied by the group stage",
                    () -> JobCounters.sum(REPORTER, id, "groups_removed_by_rule_update") >= 4);
            metricGates.open(2);

            await("metrics at the reject point", () -> metricGates.reached() >= 3);
            ruleGates.open(3);
            await("v3 rejected", () -> JobCounters.sum(REPORTER, id, "rule_sets_rejected") >= 1);
            metricGates.open(3);

            job.getJobExecutionResult().get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(JobCounters.sum(REPORTER, id, "rule_sets_applied")).isEqualTo(2);
            assertThat(JobCounters.sum(REPORTER, id, "rule_sets_rejected")).isEqualTo(1);
        } finally {
            metricGates.open(Integer.MAX_VALUE);
            ruleGates.open(Integer.MAX_VALUE);
            try {
                job.cancel().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // finished already
            }
        }

        Map<String, List<OutputSample>> byRule =
                Oracle.fromSamples(sink.samples()).stream()
                        .collect(
                                Collectors.groupingBy(
                                        s -> s.name().substring(0, s.name().indexOf('_')),
                                        TreeMap::new,
                                        Collectors.toList()));
        assertThat(byRule.keySet()).containsExactly("a", "b", "c", "d");
        long boundary = WindowSteps.windowEnd(wmAtUpdate, INTERVAL);

        // a: unchanged, the whole input
        OutputAssertions.assertSameOutputs(
                "a", byRule.get("a"), Oracle.run(rules(A), INPUT, BOUND));

        // b: old definition up to W, new one from its first window on, nothing in between
        List<OutputSample> b = byRule.get("b");
        long w = maxTs(b, s -> !s.stale() && s.name().equals("b_total"));
        long firstNew = minTs(b, s -> s.name().equals("b_increase"));
        long newStart = firstNew - INTERVAL;
        assertThat(w % INTERVAL).as("W is a window boundary").isZero();
        assertThat(newStart)
                .as("the new definition starts at the documented boundary")
                .isEqualTo(boundary);
        assertThat(w).as("no window has both").isLessThanOrEqualTo(newStart);
        assertThat(w)
                .as("no window closed before the update is lost")
                .isGreaterThanOrEqualTo(lastClosed(wmAtUpdate, DELAYS.get("b")));
        List<OutputSample> wantNew = Oracle.run(rules(B_NEW), from(newStart), BOUND);
        Set<String> newSeries = series(wantNew);
        // a marker for an old-only series (b_total) would be fine; none is expected today
        List<OutputSample> bChecked =
                b.stream().filter(s -> !s.stale() || newSeries.contains(s.series())).toList();
        assertThat(bChecked)
                .as("nothing between W and the first new window")
                .noneMatch(s -> s.timestampMs() > w && s.timestampMs() < firstNew);
        OutputAssertions.assertSameOutputs(
                "b, old definition, windows <= W",
                bChecked.stream().filter(s -> s.timestampMs() <= w).toList(),
                Oracle.run(rules(B_OLD), INPUT, BOUND).stream()
                        .filter(s -> !s.stale() && s.timestampMs() <= w)
                        .toList());
        OutputAssertions.assertSameOutputs(
                "b, new definition",
                bChecked.stream().filter(s -> s.timestampMs() >= firstNew).toList(),
                wantNew);

        // c: until a boundary per series, then exactly one marker a window later, then nothing
        List<OutputSample> c = byRule.get("c");
        List<OutputSample> wantC = Oracle.run(rules(C), INPUT, BOUND);
        Set<String> cSeries = series(c.stream().filter(s -> !s.stale()).toList());
        assertThat(cSeries).isEqualTo(series(wantC));
        for (String s : cSeries) {
            long last = maxTs(c, o -> !o.stale() && o.series().equals(s));
            assertThat(last % INTERVAL).as(s + ": stops at a window boundary").isZero();
            assertThat(last).as(s).isBetween(lastClosed(wmAtUpdate, DELAYS.get("c")), boundary);
            assertThat(c.stream().filter(o -> o.stale() && o.series().equals(s)))
                    .as(s + ": one staleness marker, a window after its last output")
                    .singleElement()
                    .satisfies(m -> assertThat(m.timestampMs()).isEqualTo(last + INTERVAL));
            OutputAssertions.assertSameOutputs(
                    "c " + s,
                    c.stream().filter(o -> !o.stale() && o.series().equals(s)).toList(),
                    wantC.stream()
                            .filter(o -> !o.stale() && o.series().equals(s))
                            .filter(o -> o.timestampMs() <= last)
                            .toList());
        }
        assertThat(c.stream().filter(OutputSample::stale).count()).isEqualTo(cSeries.size());

        // d: added, from the same boundary on
        List<OutputSample> d = byRule.get("d");
        assertThat(minTs(d, s -> true) - INTERVAL).isEqualTo(boundary);
        OutputAssertions.assertSameOutputs("d", d, Oracle.run(rules(D), from(boundary), BOUND));
    }

    JobClient start(Gates metricGates, int[] stops, Gates ruleGates, CollectingSink sink)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        PipelineRunner.configuration(checkpoints));
        env.setParallelism(2);
        // one metrics subtask with the match stage chained: the watermark the match stage has
        // when v2 arrives is the one after the last sample before the gate
        DataStream<Sample> metrics =
                env.fromSource(
                                new NumberSequenceSource(0, INPUT.size() - 1),
                                WatermarkStrategy.noWatermarks(),
                                "metrics")
                        .setParallelism(1)
                        .map(new GatedReplay(metricGates, stops), SampleTypeInfo.INSTANCE)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Sample>forGenerator(
                                                ctx -> new PunctuatedWatermarks(BOUND))
                                        .withTimestampAssigner((s, t) -> s.timestampMs()))
                        .setParallelism(1);
        DataStream<RuleSetUpdate> rules =
                env.fromSource(
                                new NumberSequenceSource(0, 2),
                                WatermarkStrategy.noWatermarks(),
                                "rules")
                        .setParallelism(1)
                        .map(
                                new GatedRuleUpdates(ruleGates, V1, V2, V3),
                                RuleSetUpdateTypeInfoFactory.TYPE_INFO)
                        .setParallelism(1);
        Pipeline.build(env, PipelineSettings.defaults(), metrics, rules, sink);
        return env.executeAsync("rule-change-itcase");
    }

    /** The keys of v1's outputs whose windows close at or below {@code watermark}. */
    static Set<String> closedBy(long watermark) {
        List<OutputSample> closed = new ArrayList<>();
        for (Map.Entry<String, String> r : Map.of("a", A, "b", B_OLD, "c", C).entrySet()) {
            long delay = DELAYS.get(r.getKey());
            for (OutputSample s : Oracle.run(rules(r.getValue()), INPUT, BOUND)) {
                if (!s.stale() && s.timestampMs() + delay <= watermark) {
                    closed.add(s);
                }
            }
        }
        assertThat(closed).isNotEmpty();
        return Oracle.keyed(closed).keySet();
    }

    static Set<String> keys(CollectingSink sink) {
        Set<String> keys = new TreeSet<>();
        for (OutputSample s : Oracle.fromSamples(sink.samples())) {
            keys.add(s.series() + (s.stale() ? " stale" : "") + " @" + s.timestampMs());
        }
        return keys;
    }

    /** The end of the last window closed at {@code watermark}: end + delay <= watermark. */
    static long lastClosed(long watermark, long delayMs) {
        return Math.floorDiv(watermark - delayMs, INTERVAL) * INTERVAL;
    }

    static List<Sample> from(long startMs) {
        return INPUT.stream().filter(s -> s.timestampMs() >= startMs).toList();
    }

    static long maxTimestamp(List<Sample> samples) {
        return samples.stream().mapToLong(Sample::timestampMs).max().orElseThrow();
    }

    static long maxTs(List<OutputSample> out, Predicate<OutputSample> which) {
        return out.stream().filter(which).mapToLong(OutputSample::timestampMs).max().orElseThrow();
    }

    static long minTs(List<OutputSample> out, Predicate<OutputSample> which) {
        return out.stream().filter(which).mapToLong(OutputSample::timestampMs).min().orElseThrow();
    }

    static Set<String> series(List<OutputSample> out) {
        return out.stream()
                .map(OutputSample::series)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("waited " + WAIT_MS + " ms for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** The i-th input sample, stopping before the samples at {@code stops} until opened. */
    static final class GatedReplay implements MapFunction<Long, Sample> {
        private static final long serialVersionUID = 1L;
        private final Gates gates;
        private final int[] stops;

        GatedReplay(Gates gates, int[] stops) {
            this.gates = gates;
            this.stops = stops;
        }

        @Override
        public Sample map(Long i) throws Exception {
            for (int g = 0; g < stops.length; g++) {
                if (stops[g] == i) {
                    gates.pass(g);
                }
            }
            return INPUT.get(i.intValue());
        }
    }
}
