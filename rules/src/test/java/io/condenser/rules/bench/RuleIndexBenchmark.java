package io.condenser.rules.bench;

import io.condenser.rules.match.LabelLookup;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.Grouping;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.LabelMatcher.Op;
import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.SeriesSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-sample cost of finding the matching rules, for 10, 1,000 and 5,000 rules. The rule mix is
 * what a large installation looks like: 80% exact-name rules with label matchers spread over many
 * metric names, 10% on one hot metric ({@code http_requests_total}, one rule per service), 10%
 * name-regex rules. Samples: half on rule metrics, a fifth on the hot metric, the rest on metrics
 * no rule selects. {@code bruteForce} tests every rule, for comparison.
 *
 * <p>Run: {@code mvn -B -Pbench verify -pl rules -am -Dbench.args="-f 1 -wi 2 -i 3 -w 2s -r 3s
 * RuleIndexBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleIndexBenchmark {

    private static final int SAMPLES = 8192;
    private static final int SERVICES = 200;

    @Param({"10", "1000", "5000"})
    public int rules;

    private RuleIndex index;
    private List<Rule> all;
    private String[] names;
    private SortedLabels[] labels;
    private final List<Rule> reused = new ArrayList<>();
    private int cursor;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        int metricNames = Math.max(1, rules / 4);
        all = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            List<LabelMatcher> ms = new ArrayList<>();
            int kind = i % 10;
            if (kind < 8) {
                ms.add(LabelMatcher.of("__name__", Op.EQ, "metric_" + rnd.nextInt(metricNames)));
                ms.add(LabelMatcher.of("service", Op.EQ, "svc-" + rnd.nextInt(SERVICES)));
                if (rnd.nextBoolean()) {
                    ms.add(LabelMatcher.of("env", Op.EQ, "prod"));
                }
            } else if (kind == 8) {
                ms.add(LabelMatcher.of("__name__", Op.EQ, "http_requests_total"));
                ms.add(LabelMatcher.of("service", Op.EQ, "svc-" + rnd.nextInt(SERVICES)));
                ms.add(LabelMatcher.of("code", Op.RE, "5.."));
            } else {
                ms.add(
                        LabelMatcher.of(
                                "__name__", Op.RE, "metric_" + rnd.nextInt(metricNames) + "_.*"));
                ms.add(LabelMatcher.of("env", Op.NEQ, "dev"));
            }
            all.add(rule("r" + i, new SeriesSelector(ms.toString(), ms)));
        }
        index = RuleIndex.of(all);
        names = new String[SAMPLES];
        labels = new SortedLabels[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            int kind = rnd.nextInt(10);
            names[s] =
                    kind < 5
                            ? "metric_" + rnd.nextInt(metricNames)
                            : kind < 7 ? "http_requests_total" : "unrelated_" + rnd.nextInt(500);
            labels[s] =
                    new SortedLabels(
                            "code",
                            rnd.nextInt(4) == 0 ? "503" : "200",
                            "env",
                            rnd.nextBoolean() ? "prod" : "dev",
                            "host",
                            "host-" + rnd.nextInt(1000),
                            "service",
                            "svc-" + rnd.nextInt(SERVICES));
        }
    }

    @Benchmark
    public List<Rule> matching() {
        int i = next();
        return index.matching(names[i], labels[i]);
    }

    @Benchmark
    public int matchInto() {
        int i = next();
        index.matchInto(names[i], labels[i], reused);
        return reused.size();
    }

    @Benchmark
    public void bruteForce(Blackhole bh) {
        int i = next();
        String name = names[i];
        SortedLabels l = labels[i];
        for (Rule r : all) {
            for (SeriesSelector s : r.match()) {
                boolean ok = true;
                for (LabelMatcher m : s.matchers()) {
                    String v = m.name().equals("__name__") ? name : l.get(m.name());
                    if (!m.matches(v)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    bh.consume(r);
                    break;
                }
            }
        }
    }

    private int next() {
        int i = cursor;
        cursor = (i + 1) & (SAMPLES - 1);
        return i;
    }

    private static Rule rule(String name, SeriesSelector s) {
        return new Rule(
                name,
                true,
                List.of(s),
                Duration.ofMinutes(1),
                Duration.ZERO,
                Duration.ofMinutes(2),
                Duration.ZERO,
                Grouping.by(List.of("service")),
                List.of(),
                List.of(OutputSpec.of(Output.SUM_SAMPLES)),
                false,
                null,
                0,
                Rule.SourcePosition.UNKNOWN);
    }

    /**
     * Labels as the connectors store them: sorted pairs, binary search (like {@code Labels::get}).
     */
    static final class SortedLabels implements LabelLookup {
        private final String[] keys;
        private final String[] values;

        SortedLabels(String... pairs) {
            keys = new String[pairs.length / 2];
            values = new String[pairs.length / 2];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = pairs[2 * i];
                values[i] = pairs[2 * i + 1];
            }
        }

        @Override
        public String get(String name) {
            int i = Arrays.binarySearch(keys, name);
            return i < 0 ? null : values[i];
        }
    }
}
