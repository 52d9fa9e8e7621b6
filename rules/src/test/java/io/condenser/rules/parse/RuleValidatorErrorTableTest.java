package io.condenser.rules.parse;

import static io.condenser.rules.parse.ErrorTableCases.OK;
import static io.condenser.rules.parse.ErrorTableCases.c;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator's error table for a rule's name, keys, {@code enabled}, {@code match}, durations
 * and grouping, and for whole files; outputs are in {@link RuleOutputErrorTableTest}. Cases: {@link
 * ErrorTableCases}.
 */
class RuleValidatorErrorTableTest {

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
                                + " mapping"));
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
        ErrorTableCases.assertRuleProblems(snippet, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void fileProblems(String reason, String file, String expected) {
        ErrorTableCases.assertProblems(file, expected);
    }
}
