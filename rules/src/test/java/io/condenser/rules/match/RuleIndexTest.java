package io.condenser.rules.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Grouping;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.LabelMatcher.Op;
import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.SeriesSelector;
import io.condenser.rules.parse.RuleFileParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleIndexTest {

    private static final List<Rule> RULES =
            parse(
                    "t.yaml",
                    """
                            rules:
                              - {name: all-http, match: http_requests_total, interval: 1m, outputs: [total]}
                              - {name: prod-5xx, match: 'http_requests_total{env="prod",code=~"5.."}', interval: 1m, outputs: [total]}
                              - {name: api, match: 'http_requests_total{service="api"}', interval: 1m, outputs: [total]}
                              - {name: web, match: 'http_requests_total{service="web"}', interval: 1m, outputs: [total]}
                              - {name: node, match: '{__name__=~"node_.*"}', interval: 1m, outputs: [avg]}
                              - {name: node-not-load, match: '{__name__=~"node_.*", __name__!="node_load1"}', interval: 1m, outputs: [avg]}
                              - {name: team-a, match: '{team="a"}', interval: 1m, outputs: [count_series]}
                              - {name: two-ways, match: ['cpu{cpu="cpu-total"}', '{__name__="cpu", host="h1"}'], interval: 1m, outputs: [max]}
                              - {name: off, match: http_requests_total, interval: 1m, outputs: [total], enabled: false}
                            """);

    private static List<Rule> parse(String file, String yaml) {
        RuleFileParser.Result r = RuleFileParser.parse(file, yaml);
        assertThat(r.problems()).isEmpty();
        return r.rules();
    }

    private final RuleIndex index = RuleIndex.of(RULES);

    @Test
    void exactNameWithAndWithoutLabelMatchers() {
        assertThat(names("http_requests_total", "env", "prod", "code", "503", "service", "api"))
                .containsExactlyInAnyOrder("all-http", "prod-5xx", "api");
        assertThat(names("http_requests_total", "env", "dev", "code", "503", "service", "web"))
                .containsExactlyInAnyOrder("all-http", "web");
        assertThat(names("http_requests_total")).containsExactly("all-http");
    }

    @Test
    void nameRegexesAndNamelessSelectors() {
        assertThat(names("node_load1")).containsExactly("node");
        assertThat(names("node_cpu_seconds_total"))
                .containsExactlyInAnyOrder("node", "node-not-load");
        assertThat(names("mem_used", "team", "a")).containsExactly("team-a");
        assertThat(names("xnode_load1")).as("regexes are anchored").isEmpty();
    }

    @Test
    void aRuleMatchedByTwoSelectorsIsReturnedOnce() {
        assertThat(names("cpu", "cpu", "cpu-total", "host", "h1")).containsExactly("two-ways");
        assertThat(names("cpu", "host", "h1")).containsExactly("two-ways");
        assertThat(names("cpu", "host", "h2")).isEmpty();
    }

    @Test
    void disabledRulesMatchNothing() {
        assertThat(index.rules()).extracting(Rule::name).doesNotContain("off");
        assertThat(names("http_requests_total")).doesNotContain("off");
    }

    @Test
    void commonPathReturnsTheSamePrecomputedList() {
        List<Rule> first = index.matching("http_requests_total", LabelLookup.NONE);
        assertThat(index.matching("http_requests_total", LabelLookup.NONE)).isSameAs(first);
        assertThat(index.matching("unknown_metric", LabelLookup.NONE)).isEmpty();
        assertThat(index.matching("unknown_metric", LabelLookup.NONE))
                .isSameAs(index.matching("other_unknown", LabelLookup.NONE));
    }

    @Test
    void matchIntoReusesTheCallersList() {
        List<Rule> out = new ArrayList<>();
        index.matchInto("http_requests_total", lookup("service", "api"), out);
        assertThat(out).extracting(Rule::name).containsExactlyInAnyOrder("all-http", "api");
        index.matchInto("nothing", LabelLookup.NONE, out);
        assertThat(out).isEmpty();
    }

    /**
     * The common path allocates nothing: a per-call allocation would show as megabytes over this
     * many calls; the bound leaves room for the JIT's and JUnit's own noise.
     */
    @Test
    void commonPathAllocatesNothing() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean)
                        java.lang.management.ManagementFactory.getThreadMXBean();
        LabelLookup prod503 = lookup("env", "prod", "code", "503", "service", "api");
        List<Rule> reused = new ArrayList<>();
        int calls = 200_000;
        for (int warm = 0; warm < 2; warm++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            long found = 0;
            for (int i = 0; i < calls; i++) {
                found += index.matching("unknown_metric", prod503).size();
                found += index.matching("node_load1", prod503).size();
                index.matchInto("http_requests_total", prod503, reused);
                found += reused.size();
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(found).isEqualTo(4L * calls);
            if (warm == 1) {
                assertThat(allocated)
                        .as("bytes allocated by %d calls", 3 * calls)
                        .isLessThan(64 * 1024);
            }
        }
    }

    @Test
    void aTinyPlanCacheStaysCorrect() {
        RuleIndex tiny = RuleIndex.of(RULES, 2);
        for (int round = 0; round < 3; round++) {
            for (String name : List.of("http_requests_total", "node_load1", "cpu", "x")) {
                assertThat(tiny.matching(name, lookup("host", "h1", "team", "a")))
                        .containsExactlyInAnyOrderElementsOf(
                                index.matching(name, lookup("host", "h1", "team", "a")));
            }
        }
    }

    /** Random rule sets against a brute-force oracle: every enabled rule, every selector. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void agreesWithBruteForce(long seed) {
        Random rnd = new Random(seed);
        List<Rule> rules = new ArrayList<>();
        int n = 1 + rnd.nextInt(60);
        for (int i = 0; i < n; i++) {
            rules.add(randomRule(rnd, "r" + i));
        }
        RuleIndex idx = RuleIndex.of(rules, 1 + rnd.nextInt(8));
        List<Rule> reused = new ArrayList<>();
        for (int s = 0; s < 2_000; s++) {
            String name = pick(rnd, NAMES);
            Map<String, String> labels = new HashMap<>();
            for (String l : LABELS) {
                String v = pick(rnd, VALUES);
                if (!v.isEmpty()) {
                    labels.put(l, v);
                }
            }
            Set<Rule> expected = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Rule r : rules) {
                if (r.enabled()
                        && r.match().stream().anyMatch(sel -> bruteForce(sel, name, labels))) {
                    expected.add(r);
                }
            }
            List<Rule> got = idx.matching(name, labels::get);
            assertThat(got).as("no duplicates").doesNotHaveDuplicates();
            Set<Rule> gotSet = Collections.newSetFromMap(new IdentityHashMap<>());
            gotSet.addAll(got);
            assertThat(gotSet).as("seed %d, %s %s", seed, name, labels).isEqualTo(expected);
            idx.matchInto(name, labels::get, reused);
            assertThat(reused).containsExactlyElementsOf(got);
        }
    }

    private static final List<String> NAMES = List.of("a", "b", "c", "ab", "node_x");
    private static final List<String> LABELS = List.of("env", "job", "code");
    private static final List<String> VALUES = List.of("x", "y", "z", "", "xy");
    private static final List<String> REGEXES = List.of("x|y", ".*", ".+", "", "x.*", "a.*", "z");

    private static boolean bruteForce(SeriesSelector s, String name, Map<String, String> labels) {
        for (LabelMatcher m : s.matchers()) {
            String v = m.name().equals(LabelMatcher.METRIC_NAME) ? name : labels.get(m.name());
            if (!m.matches(v)) {
                return false;
            }
        }
        return true;
    }

    private static Rule randomRule(Random rnd, String name) {
        List<SeriesSelector> selectors = new ArrayList<>();
        int count = 1 + rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
            List<LabelMatcher> ms = new ArrayList<>();
            switch (rnd.nextInt(4)) {
                case 0, 1 -> ms.add(LabelMatcher.of("__name__", Op.EQ, pick(rnd, NAMES)));
                case 2 -> ms.add(LabelMatcher.of("__name__", randomOp(rnd), pick(rnd, REGEXES)));
                default -> {}
            }
            int labels = rnd.nextInt(4);
            for (int l = 0; l < labels; l++) {
                Op op = randomOp(rnd);
                String value = op == Op.RE || op == Op.NRE ? pick(rnd, REGEXES) : pick(rnd, VALUES);
                ms.add(LabelMatcher.of(pick(rnd, LABELS), op, value));
            }
            selectors.add(new SeriesSelector(ms.toString(), ms));
        }
        return new Rule(
                name,
                rnd.nextInt(10) > 0,
                selectors,
                Duration.ofMinutes(1),
                Duration.ZERO,
                Duration.ofMinutes(2),
                Duration.ZERO,
                Grouping.KEEP_ALL,
                List.of(),
                List.of(OutputSpec.of(Output.SUM_SAMPLES)),
                false,
                null,
                0,
                Rule.SourcePosition.UNKNOWN);
    }

    private static Op randomOp(Random rnd) {
        // equality twice as likely: it is what the key-label buckets are built from
        return switch (rnd.nextInt(5)) {
            case 0, 1 -> Op.EQ;
            case 2 -> Op.NEQ;
            case 3 -> Op.RE;
            default -> Op.NRE;
        };
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private List<String> names(String metric, String... labelPairs) {
        return index.matching(metric, lookup(labelPairs)).stream().map(Rule::name).toList();
    }

    private static LabelLookup lookup(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m::get;
    }
}
