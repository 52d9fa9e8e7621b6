package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator's error table: a rule-file snippet and every message it must produce, exactly. A
 * snippet is the list under {@code rules:}, so its first line is line 2 of the file.
 */
class RuleValidatorErrorTableTest {

    /** The four lines every valid rule needs; cases below vary them. */
    private static final String OK =
            """
            - name: r
              match: foo
              interval: 1m
              outputs: [sum_samples]
            """;

    static Stream<Arguments> rules() {
        return Stream.of(
                // --- name
                c(
                        "name missing",
                        "- match: foo\n  interval: 1m\n  outputs: [sum_samples]\n",
                        "t.yaml:2 rule #1: name is required"),
                c(
                        "name with a space",
                        "- name: a b\n  match: foo\n  interval: 1m\n  outputs: [sum_samples]\n",
                        "t.yaml:2 rule #1: name must match [A-Za-z0-9][A-Za-z0-9_.:-]*, got \"a b\""),
                c(
                        "name not a string",
                        "- name: [x]\n  match: foo\n  interval: 1m\n  outputs: [sum_samples]\n",
                        "t.yaml:2 rule #1: name must be a string, got a list"),
                c(
                        "names are unique in a file",
                        OK + OK.replace("match: foo", "match: bar"),
                        "t.yaml:6 rule \"r\": duplicate rule name, first defined at t.yaml:2"),
                // --- unknown and duplicate keys
                c(
                        "misspelt key, with a suggestion",
                        OK.replace("interval:", "intervl:"),
                        "t.yaml:2 rule \"r\": interval is required",
                        "t.yaml:4 rule \"r\": unknown key \"intervl\" (did you mean \"interval\"?)"),
                c(
                        "unknown key, nothing close",
                        OK + "  owner: team-a\n",
                        "t.yaml:6 rule \"r\": unknown key \"owner\""),
                c(
                        "vmagent's spelling of a key we name differently",
                        OK + "  without_labels: [pod]\n",
                        "t.yaml:6 rule \"r\": unknown key \"without_labels\""),
                c(
                        "duplicate key",
                        OK + "  interval: 5m\n",
                        "t.yaml:6 rule \"r\": duplicate key \"interval\" (first at line 4)"),
                // --- enabled
                c(
                        "enabled as a quoted string",
                        OK + "  enabled: \"false\"\n",
                        "t.yaml:6 rule \"r\": enabled must be true or false, got \"false\""),
                c(
                        "enabled: yes is YAML 1.1, not accepted",
                        OK + "  enabled: yes\n",
                        "t.yaml:6 rule \"r\": enabled must be true or false, got yes"),
                c(
                        "enabled as a number",
                        OK + "  enabled: 0\n",
                        "t.yaml:6 rule \"r\": enabled must be true or false, got 0"),
                // --- match
                c(
                        "match missing",
                        "- name: r\n  interval: 1m\n  outputs: [sum_samples]\n",
                        "t.yaml:2 rule \"r\": match is required"),
                c(
                        "match empty list",
                        OK.replace("match: foo", "match: []"),
                        "t.yaml:3 rule \"r\": match must not be empty"),
                c(
                        "match a mapping",
                        OK.replace("match: foo", "match: {a: b}"),
                        "t.yaml:3 rule \"r\": match must be a series selector or a list of them,"
                                + " got a mapping (quote a selector that starts with {: match:"
                                + " '{__name__=~\"node_.*\"}')"),
                c(
                        "match item not a string",
                        OK.replace("match: foo", "match:\n    - foo\n    - 5"),
                        "t.yaml:5 rule \"r\": match[2] must be a string, got 5"),
                c(
                        "selector with a bad operator",
                        OK.replace("match: foo", "match: 'foo{bar~\"x\"}'"),
                        "t.yaml:3 rule \"r\": match 'foo{bar~\"x\"}': column 8: expected one of ="
                                + ", !=, =~, !~, got \"~\"x\"}\""),
                c(
                        "selector matching everything",
                        OK.replace("match: foo", "match: '{env=~\".*\"}'"),
                        "t.yaml:3 rule \"r\": match '{env=~\".*\"}': must contain at least one"
                                + " matcher that does not match the empty string (it would select"
                                + " every series)"),
                c(
                        "selector with a bad regex",
                        OK.replace("match: foo", "match: 'foo{code=~\"5(..\"}'"),
                        "t.yaml:3 rule \"r\": match 'foo{code=~\"5(..\"}': column 11: invalid regex"
                                + " in code=~\"5(..\": missing closing )"),
                c(
                        "selector unterminated",
                        OK.replace("match: foo", "match: 'foo{env=\"prod}'"),
                        "t.yaml:3 rule \"r\": match 'foo{env=\"prod}': column 9: unterminated"
                                + " string \"\"prod}\""),
                c(
                        "selector listed twice (spelt differently)",
                        OK.replace("match: foo", "match: ['foo{a=\"1\"}', \"foo{a='1'}\"]"),
                        "t.yaml:3 rule \"r\": match lists 'foo{a='1'}' twice"),
                c(
                        "one bad selector among good ones",
                        OK.replace("match: foo", "match:\n    - foo\n    - 'bar{'\n    - baz"),
                        "t.yaml:5 rule \"r\": match 'bar{': column 5: expected a label name or },"
                                + " got end of input"),
                // --- durations
                c(
                        "interval too short",
                        OK.replace("interval: 1m", "interval: 500ms"),
                        "t.yaml:4 rule \"r\": interval must be >= 1s, got 500ms"),
                c(
                        "interval without a unit",
                        OK.replace("interval: 1m", "interval: 60"),
                        "t.yaml:4 rule \"r\": interval must be a duration like 30s or 1m30s (with"
                                + " a unit), got 60"),
                c(
                        "interval with a bad unit",
                        OK.replace("interval: 1m", "interval: 1x"),
                        "t.yaml:4 rule \"r\": interval must be a duration like 30s or 1m30s, got"
                                + " \"1x\""),
                c(
                        "interval with a fraction",
                        OK.replace("interval: 1m", "interval: 1.5m"),
                        "t.yaml:4 rule \"r\": interval must be a duration like 30s or 1m30s, got"
                                + " \"1.5m\""),
                c(
                        "interval with units out of order",
                        OK.replace("interval: 1m", "interval: 30s1m"),
                        "t.yaml:4 rule \"r\": interval must be a duration like 30s or 1m30s, got"
                                + " \"30s1m\""),
                c(
                        "interval missing",
                        "- name: r\n  match: foo\n  outputs: [sum_samples]\n",
                        "t.yaml:2 rule \"r\": interval is required"),
                c(
                        "interval empty",
                        OK.replace("interval: 1m", "interval:"),
                        "t.yaml:4 rule \"r\": interval must be a duration like 30s or 1m30s (with"
                                + " a unit), got nothing"),
                c("rules: with nothing under it is an empty rule list", "", ""),
                c(
                        "staleness shorter than the interval",
                        OK + "  staleness_interval: 30s\n",
                        "t.yaml:6 rule \"r\": staleness_interval must be >= interval (1m), got"
                                + " 30s"),
                c(
                        "delay not shorter than the (default) staleness",
                        OK + "  delay: 2m\n",
                        "t.yaml:6 rule \"r\": delay must be less than staleness_interval (2m),"
                                + " got 2m"),
                c(
                        "dedup that does not divide the interval",
                        OK + "  dedup_interval: 7s\n",
                        "t.yaml:6 rule \"r\": dedup_interval must divide interval (1m) evenly, got"
                                + " 7s"),
                c(
                        "dedup longer than the interval",
                        OK + "  dedup_interval: 2m\n",
                        "t.yaml:6 rule \"r\": dedup_interval must divide interval (1m) evenly, got"
                                + " 2m"),
                // --- grouping
                c(
                        "by and without",
                        OK + "  by: [job]\n  without: [pod]\n",
                        "t.yaml:7 rule \"r\": by and without cannot both be set"),
                c(
                        "by as a string",
                        OK + "  by: job\n",
                        "t.yaml:6 rule \"r\": by must be a list of label names, got \"job\""),
                c(
                        "by lists a label twice",
                        OK + "  by: [job, job]\n",
                        "t.yaml:6 rule \"r\": by lists \"job\" twice"),
                c(
                        "by lists __name__",
                        OK + "  by: [__name__]\n",
                        "t.yaml:6 rule \"r\": by cannot list __name__ (output names come from the"
                                + " rule)"),
                c(
                        "without lists a bad label name",
                        OK + "  without: [host-name]\n",
                        "t.yaml:6 rule \"r\": without: \"host-name\" is not a label name"
                                + " ([a-zA-Z_][a-zA-Z0-9_]*)"),
                c(
                        "by keeps a label that is dropped",
                        OK + "  by: [service]\n  drop_input_labels: [service]\n",
                        "t.yaml:6 rule \"r\": by keeps \"service\", which drop_input_labels"
                                + " drops"),
                c(
                        "drop_input_labels item not a string",
                        OK + "  drop_input_labels: [pod, {a: b}]\n",
                        "t.yaml:6 rule \"r\": drop_input_labels[2] must be a string, got a"
                                + " mapping"),
                // --- outputs
                c(
                        "outputs missing",
                        "- name: r\n  match: foo\n  interval: 1m\n",
                        "t.yaml:2 rule \"r\": outputs is required"),
                c(
                        "outputs empty",
                        OK.replace("[sum_samples]", "[]"),
                        "t.yaml:5 rule \"r\": outputs must not be empty"),
                c(
                        "outputs as a string",
                        OK.replace("[sum_samples]", "sum_samples"),
                        "t.yaml:5 rule \"r\": outputs must be a list of output names, got"
                                + " \"sum_samples\""),
                c(
                        "misspelt output",
                        OK.replace("[sum_samples]", "[sum_sample]"),
                        "t.yaml:5 rule \"r\": outputs: unknown output \"sum_sample\" (did you"
                                + " mean \"sum_samples\"?)"),
                c(
                        "unknown output",
                        OK.replace("[sum_samples]", "[median]"),
                        "t.yaml:5 rule \"r\": outputs: unknown output \"median\""),
                c(
                        "duplicate output",
                        OK.replace("[sum_samples]", "[sum_samples, max, sum_samples]"),
                        "t.yaml:5 rule \"r\": outputs lists sum_samples twice"),
                c(
                        "quantiles twice with different φ",
                        OK.replace("[sum_samples]", "['quantiles(0.5)', 'quantiles(0.9)']"),
                        "t.yaml:5 rule \"r\": outputs lists quantiles twice"),
                c(
                        "quantiles without φ",
                        OK.replace("[sum_samples]", "[quantiles]"),
                        "t.yaml:5 rule \"r\": outputs: quantiles needs φ values, e.g."
                                + " quantiles(0.5, 0.99), got quantiles"),
                c(
                        "quantiles φ above 1",
                        OK.replace("[sum_samples]", "['quantiles(0.5, 1.5)']"),
                        "t.yaml:5 rule \"r\": outputs: quantiles φ must be in [0, 1], got 1.5"),
                c(
                        "quantiles φ negative",
                        OK.replace("[sum_samples]", "['quantiles(-0.5)']"),
                        "t.yaml:5 rule \"r\": outputs: quantiles φ must be a number in [0, 1],"
                                + " got \"-0.5\""),
                c(
                        "quantiles φ twice",
                        OK.replace("[sum_samples]", "['quantiles(0.5, 0.50)']"),
                        "t.yaml:5 rule \"r\": outputs: quantiles lists φ 0.50 twice"),
                c(
                        "parameters on an output that takes none",
                        OK.replace("[sum_samples]", "['sum_samples(1)']"),
                        "t.yaml:5 rule \"r\": outputs: sum_samples takes no parameters, got"
                                + " sum_samples(1)"),
                c(
                        "histogram_bucket with inline buckets",
                        OK.replace("[sum_samples]", "['histogram_bucket(1, 2)']"),
                        "t.yaml:5 rule \"r\": outputs: histogram_bucket takes no parameters (set"
                                + " buckets: on the rule), got histogram_bucket(1, 2)"),
                c(
                        "output name not a string",
                        OK.replace("[sum_samples]", "[sum_samples, 7]"),
                        "t.yaml:5 rule \"r\": outputs[2] must be a string, got 7"),
                // --- buckets
                c(
                        "histogram_bucket without buckets",
                        OK.replace("[sum_samples]", "[histogram_bucket]"),
                        "t.yaml:5 rule \"r\": buckets is required with the histogram_bucket"
                                + " output"),
                c(
                        "buckets without histogram_bucket",
                        OK + "  buckets: [1, 2]\n",
                        "t.yaml:6 rule \"r\": buckets is only allowed with the histogram_bucket"
                                + " output"),
                c(
                        "buckets not increasing",
                        OK.replace("[sum_samples]", "[histogram_bucket]")
                                + "  buckets: [1, 5, 5]\n",
                        "t.yaml:6 rule \"r\": buckets must be strictly increasing, got 5 after 5"),
                c(
                        "buckets with an explicit +Inf",
                        OK.replace("[sum_samples]", "[histogram_bucket]")
                                + "  buckets: [0.5, .inf]\n",
                        "t.yaml:6 rule \"r\": buckets must be finite (the +Inf bucket is always"
                                + " added), got +Inf"),
                c(
                        "buckets with a string",
                        OK.replace("[sum_samples]", "[histogram_bucket]")
                                + "  buckets: [0.5, \"1\"]\n",
                        "t.yaml:6 rule \"r\": buckets[2] must be a number, got \"1\""),
                c(
                        "buckets empty",
                        OK.replace("[sum_samples]", "[histogram_bucket]") + "  buckets: []\n",
                        "t.yaml:6 rule \"r\": buckets must not be empty"),
                // --- naming and cardinality
                c(
                        "keep_metric_names with two outputs",
                        OK.replace("[sum_samples]", "[sum_samples, max]")
                                + "  keep_metric_names: true\n",
                        "t.yaml:6 rule \"r\": keep_metric_names needs exactly one output, got 2"),
                c(
                        "keep_metric_names with output_name",
                        OK + "  keep_metric_names: true\n  output_name: foo_sum\n",
                        "t.yaml:6 rule \"r\": keep_metric_names and output_name cannot both be"
                                + " set"),
                c(
                        "output_name not a metric name",
                        OK + "  output_name: foo-sum\n",
                        "t.yaml:6 rule \"r\": output_name must be a metric name"
                                + " ([a-zA-Z_:][a-zA-Z0-9_:]*), got \"foo-sum\""),
                c(
                        "max_output_series negative",
                        OK + "  max_output_series: -1\n",
                        "t.yaml:6 rule \"r\": max_output_series must be between 0 (unlimited)"
                                + " and 2147483647, got -1"),
                c(
                        "max_output_series a fraction",
                        OK + "  max_output_series: 1.5\n",
                        "t.yaml:6 rule \"r\": max_output_series must be an integer, got 1.5"),
                // --- every problem is reported, not only the first
                c(
                        "several problems in one rule",
                        "- name: r\n  match: 'foo{'\n  interval: 500ms\n  outputs: [summ]\n"
                                + "  by: [a]\n  without: [b]\n",
                        "t.yaml:3 rule \"r\": match 'foo{': column 5: expected a label name or"
                                + " }, got end of input",
                        "t.yaml:4 rule \"r\": interval must be >= 1s, got 500ms",
                        "t.yaml:5 rule \"r\": outputs: unknown output \"summ\"",
                        "t.yaml:7 rule \"r\": by and without cannot both be set"),
                c(
                        "problems in two rules",
                        OK.replace("1m", "0s")
                                + OK.replace("name: r", "name: s").replace("foo", "'{}'"),
                        "t.yaml:4 rule \"r\": interval must be >= 1s, got 0s",
                        "t.yaml:7 rule \"s\": match '{}': must contain at least one matcher that"
                                + " does not match the empty string (it would select every"
                                + " series)"),
                c(
                        "a rule that is not a mapping",
                        OK + "- just a string\n",
                        "t.yaml:6 rule #2: a rule must be a mapping of keys (name:, match:, ...),"
                                + " got \"just a string\""));
    }

    static Stream<Arguments> files() {
        return Stream.of(
                c("empty file", "", "t.yaml:1: empty file: expected a top-level \"rules:\" list"),
                c(
                        "a bare list (vmagent's layout)",
                        OK,
                        "t.yaml:1: expected a mapping with a top-level \"rules:\" list, got a"
                                + " list"),
                c(
                        "unknown top-level key",
                        "groups: []\nrules: []\n",
                        "t.yaml:1: unknown top-level key \"groups\" (a rule file has only"
                                + " \"rules:\")"),
                c(
                        "missing rules",
                        "foo: 1\n",
                        "t.yaml:1: unknown top-level key \"foo\" (a rule file has only \"rules:\")",
                        "t.yaml:1: missing top-level \"rules:\" list"),
                c(
                        "rules not a list",
                        "rules: all\n",
                        "t.yaml:1: rules must be a list of rules, got \"all\""),
                c(
                        "invalid YAML",
                        "rules:\n  - name: r\n   match: foo\n",
                        "t.yaml:3: invalid YAML: expected <block end>, but found '<block mapping start>'"
                                + " (while parsing a block collection at line 2)"),
                c(
                        "YAML aliases are not resolved",
                        "rules:\n  - &d {name: a, match: m, interval: 1m, outputs: [max]}\n  - *d\n",
                        "t.yaml:3: invalid YAML: YAML aliases (*d) are not supported in rule files:"
                                + " write the keys out"),
                c(
                        "YAML merge keys are not resolved",
                        "rules:\n  - {<<: {interval: 1m}, name: a, match: m, interval: 1m,"
                                + " outputs: [max]}\n",
                        "t.yaml:2 rule \"a\": YAML merge keys (<<) are not supported: write the"
                                + " keys out"),
                c(
                        "two documents",
                        "rules: []\n---\nrules: []\n",
                        "t.yaml:3: a rule file holds one YAML document; found a second one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleProblems(String reason, String snippet, String expected) {
        assertProblems("rules:\n" + indent(snippet), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void fileProblems(String reason, String file, String expected) {
        assertProblems(file, expected);
    }

    private static void assertProblems(String file, String expected) {
        RuleFileParser.Result r = RuleFileParser.parse("t.yaml", file);
        String got =
                r.problems().stream().map(RuleProblem::toString).collect(Collectors.joining("\n"));
        assertThat(got).isEqualTo(expected);
        assertThat(r.rules()).as("a file with problems yields no rules").isEmpty();
    }

    private static String indent(String s) {
        return s.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    }

    private static Arguments c(String reason, String yaml, String... expected) {
        return arguments(reason, yaml, String.join("\n", expected));
    }
}
