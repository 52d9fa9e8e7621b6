package io.condenser.rules.testing;

import io.condenser.rules.eval.InputSample;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.RuleEvaluator;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.DurationParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs a {@link RuleTestFile} against already-parsed rules with the reference {@link
 * RuleEvaluator}: each test's input series are expanded, every enabled rule gets the samples its
 * selectors match (in timestamp order; matched by the job's {@link RuleIndex}, so a test exercises
 * the matching the job uses), the watermark is moved to the last expected time plus the rule's
 * delay, and at each expected time the outputs of all rules with that timestamp must be exactly the
 * expected ones (values equal within a relative 1e-6, as promtool compares).
 */
public final class RuleTestRunner {

    private static final double EPSILON = 1e-6;

    private final RuleIndex index;

    public RuleTestRunner(List<Rule> rules) {
        this.index = RuleIndex.of(rules);
    }

    public RuleTestResult run(RuleTestFile file) {
        List<String> failures = new ArrayList<>();
        int index = 0;
        for (RuleTestFile.TestCase test : file.tests()) {
            index++;
            String name = test.name() != null ? "\"" + test.name() + "\"" : "#" + index;
            try {
                failures.addAll(runOne(file, test, name));
            } catch (IllegalArgumentException e) {
                failures.add("test " + name + ": " + e.getMessage());
            }
        }
        return new RuleTestResult(file.tests().size(), failures);
    }

    private List<String> runOne(RuleTestFile file, RuleTestFile.TestCase test, String name) {
        List<InputSample> inputs = expand(test, file.intervalOf(test).toMillis());
        TreeMap<Long, List<String>> expected = new TreeMap<>();
        for (RuleTestFile.ExpectedSample e : test.expectedSamples()) {
            if (e.time() == null || e.series() == null) {
                throw new IllegalArgumentException("an expected sample needs time and series");
            }
            boolean stale = Boolean.TRUE.equals(e.stale());
            if (!stale && e.value() == null) {
                throw new IllegalArgumentException(
                        "expected sample " + e.series() + " needs a value or stale: true");
            }
            SeriesLiteral s = SeriesLiteral.parse(e.series());
            String text = OutputSample.format(s.name(), s.labels().entrySet());
            expected.computeIfAbsent(
                            DurationParser.parse(e.time()).toMillis(), t -> new ArrayList<>())
                    .add(text + " " + (stale ? "stale" : OutputSample.formatValue(e.value())));
        }
        if (expected.isEmpty()) {
            return List.of();
        }
        long lastTime = expected.lastKey();
        // one evaluator per enabled rule, by identity: two rules may be equal in content
        Map<Rule, RuleEvaluator> evaluators = new IdentityHashMap<>();
        for (Rule rule : index.rules()) {
            RuleEvaluator evaluator = new RuleEvaluator(rule);
            evaluators.put(rule, evaluator);
        }
        for (InputSample in : inputs) {
            for (Rule rule : index.matching(in.metricName(), in.labels()::get)) {
                evaluators.get(rule).add(in);
            }
        }
        TreeMap<Long, List<OutputSample>> got = new TreeMap<>();
        for (Rule rule : index.rules()) {
            RuleEvaluator evaluator = evaluators.get(rule);
            for (OutputSample o : evaluator.advanceWatermark(lastTime + rule.delay().toMillis())) {
                got.computeIfAbsent(o.timestampMs(), t -> new ArrayList<>()).add(o);
            }
        }
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : expected.entrySet()) {
            List<OutputSample> at = got.getOrDefault(e.getKey(), List.of());
            if (!sameSamples(e.getValue(), at)) {
                failures.add(describe(name, e.getKey(), e.getValue(), at));
            }
        }
        return failures;
    }

    private static List<InputSample> expand(RuleTestFile.TestCase test, long intervalMs) {
        List<InputSample> out = new ArrayList<>();
        for (RuleTestFile.InputSeries in : test.inputSeries()) {
            if (in.series() == null || in.values() == null) {
                throw new IllegalArgumentException("an input series needs series and values");
            }
            SeriesLiteral s = SeriesLiteral.parse(in.series());
            List<SeriesValuesParser.Point> points = SeriesValuesParser.parse(in.values());
            for (int i = 0; i < points.size(); i++) {
                SeriesValuesParser.Point p = points.get(i);
                long ts = i * intervalMs;
                switch (p.kind()) {
                    case VALUE -> out.add(InputSample.of(s.name(), s.labels(), ts, p.value()));
                    case STALE -> out.add(InputSample.staleMarker(s.name(), s.labels(), ts));
                    case MISSING -> {}
                }
            }
        }
        out.sort(Comparator.comparingLong(InputSample::timestampMs));
        return out;
    }

    private static boolean sameSamples(List<String> want, List<OutputSample> got) {
        if (want.size() != got.size()) {
            return false;
        }
        TreeMap<String, String> wantBySeries = new TreeMap<>();
        for (String w : want) {
            int sp = w.lastIndexOf(' ');
            if (wantBySeries.put(w.substring(0, sp), w.substring(sp + 1)) != null) {
                return false;
            }
        }
        for (OutputSample o : got) {
            String w = wantBySeries.get(o.series());
            if (w == null) {
                return false;
            }
            if (o.stale() || w.equals("stale")) {
                if (!(o.stale() && w.equals("stale"))) {
                    return false;
                }
                continue;
            }
            double v = Double.parseDouble(w);
            if (!close(v, o.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double want, double got) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (want == got) {
            return true;
        }
        return Math.abs(want - got) <= EPSILON * Math.max(Math.abs(want), Math.abs(got));
    }

    private static String describe(
            String name, long timeMs, List<String> want, List<OutputSample> got) {
        StringBuilder sb =
                new StringBuilder("test ")
                        .append(name)
                        .append(" at ")
                        .append(DurationParser.format(java.time.Duration.ofMillis(timeMs)))
                        .append(":\n  expected:\n");
        new TreeSet<>(want).forEach(w -> sb.append("    ").append(w).append('\n'));
        sb.append("  got:\n");
        if (got.isEmpty()) {
            sb.append("    (nothing)\n");
        }
        got.stream()
                .map(
                        o ->
                                o.series()
                                        + " "
                                        + (o.stale()
                                                ? "stale"
                                                : OutputSample.formatValue(o.value())))
                .sorted()
                .forEach(g -> sb.append("    ").append(g).append('\n'));
        return sb.toString().stripTrailing();
    }
}
