package io.condenser.rules.parse;

import static io.condenser.rules.parse.ErrorTableCases.OK;
import static io.condenser.rules.parse.ErrorTableCases.c;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator's error table for {@code outputs}, histogram buckets, output naming and cardinality
 * limits, and for several problems reported together. Cases: {@link ErrorTableCases}.
 */
class RuleOutputErrorTableTest {

    static Stream<Arguments> rules() {
        return Stream.of(
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleProblems(String reason, String snippet, String expected) {
        ErrorTableCases.assertRuleProblems(snippet, expected);
    }
}
