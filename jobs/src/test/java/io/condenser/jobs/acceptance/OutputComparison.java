package io.condenser.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.testing.Oracle;
import io.condenser.model.Sample;
import io.condenser.rules.eval.OutputSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The job's output as a real Prometheus stored it, against the reference evaluator ({@link Oracle},
 * i.e. {@code RuleEvaluator}) fed the samples the clients delivered. Only windows the job has
 * closed are compared (a window is written once, when it closes), and not a series' first window,
 * which a client may have entered mid-way. Values are integers, so sums are exact. The windows'
 * length does not matter here: a window is known by its end.
 */
public final class OutputComparison {

    private final PrometheusServer sink;
    private final String selector;
    private final String rules;

    /**
     * @param selector the output series to read back, e.g. {@code {__name__=~"acc_value:.*"}}
     * @param rules the rule file the job runs (the oracle runs the same)
     */
    public OutputComparison(PrometheusServer sink, String selector, String rules) {
        this.sink = sink;
        this.selector = selector;
        this.rules = rules;
    }

    /**
     * Waits (bounded) until every series the oracle expects from {@code sent} has at least {@code
     * minWindows} comparable windows in the sink, then asserts they are equal: same windows, same
     * values, nothing missing, nothing extra.
     *
     * @return the number of windows compared
     */
    public int awaitAndCompare(Supplier<List<Sample>> sent, int minWindows, Duration timeout)
            throws Exception {
        long deadline = Launcher.deadline(timeout);
        while (true) {
            Map<String, TreeMap<Long, Double>> expected = expected(sent.get());
            Map<String, TreeMap<Long, Double>> actual = read();
            Map<String, TreeMap<Long, Double>> expectedClosed = new TreeMap<>();
            Map<String, TreeMap<Long, Double>> actualClosed = new TreeMap<>();
            boolean enough = !expected.isEmpty();
            for (Map.Entry<String, TreeMap<Long, Double>> e : expected.entrySet()) {
                TreeMap<Long, Double> got = actual.getOrDefault(e.getKey(), new TreeMap<>());
                long first = got.isEmpty() ? Long.MAX_VALUE : got.firstKey();
                long last = got.isEmpty() ? Long.MIN_VALUE : got.lastKey();
                TreeMap<Long, Double> want = comparable(e.getValue(), first, last);
                expectedClosed.put(e.getKey(), want);
                actualClosed.put(e.getKey(), comparable(got, first, last));
                enough &= want.size() >= minWindows;
            }
            if (enough) {
                assertThat(actualClosed)
                        .as("closed windows in Prometheus")
                        .isEqualTo(expectedClosed);
                return expectedClosed.values().stream().mapToInt(Map::size).sum();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "fewer than "
                                + minWindows
                                + " closed windows per series after "
                                + timeout
                                + "; expected "
                                + expectedClosed
                                + "\nin Prometheus "
                                + actual);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * The windows after the first one the job wrote for the series (a client may have entered that
     * one mid-way, or its first samples may have arrived late) up to the last one it wrote.
     */
    private static TreeMap<Long, Double> comparable(
            TreeMap<Long, Double> windows, long first, long last) {
        return first >= last
                ? new TreeMap<>()
                : new TreeMap<>(windows.subMap(first, false, last, true));
    }

    Map<String, TreeMap<Long, Double>> expected(List<Sample> sent) {
        List<Sample> inOrder = new ArrayList<>(sent);
        inOrder.sort(Comparator.comparingLong(Sample::timestampMs));
        Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
        for (OutputSample s : Oracle.run(rules, inOrder, 60_000)) {
            if (!s.stale()) {
                out.computeIfAbsent(s.series(), k -> new TreeMap<>())
                        .put(s.timestampMs(), s.value());
            }
        }
        return out;
    }

    /** Raw samples of the selected series, as {@code name{sorted labels}} → end → value. */
    Map<String, TreeMap<Long, Double>> read() throws Exception {
        double now = System.currentTimeMillis() / 1000.0;
        JsonNode result = sink.query(selector + "[2h]", now);
        Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
        for (JsonNode s : result) {
            TreeMap<String, String> labels = new TreeMap<>();
            s.path("metric")
                    .fields()
                    .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            String name = labels.remove("__name__");
            TreeMap<Long, Double> points = new TreeMap<>();
            for (JsonNode v : s.path("values")) {
                points.put(Math.round(v.get(0).asDouble() * 1000), v.get(1).asDouble());
            }
            out.put(OutputSample.format(name, labels.entrySet()), points);
        }
        return out;
    }
}
