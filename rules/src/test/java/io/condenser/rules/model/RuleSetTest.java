package io.condenser.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.rules.parse.RuleFileParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetTest {

    private static final String A =
            "  - {name: a, match: 'm{x=\"1\",y=\"2\"}', interval: 1m, outputs: [sum_samples]}\n";
    private static final String B =
            "  - {name: b, match: n, interval: 30s, outputs: [max], by: [job]}\n";
    private static final String C =
            "  - {name: c, match: [o, p], interval: 1m, outputs: [total]}\n";

    @Test
    void unchangedWhenOnlyFormattingOrderOrQuotingDiffers() {
        RuleSet v1 = set(1, A + B + C);
        RuleSet v2 =
                set(
                        2,
                        "# reordered, reformatted, requoted\n"
                                + "  - name: c\n    match: [p, o]\n    interval: 60s\n    outputs: [total]\n"
                                + B
                                + "  - name: a\n    match: \"m{y='2', x='1'}\"\n    interval: 1m\n"
                                + "    outputs: [sum_samples]\n");
        RuleSetDiff d = RuleSet.diff(v1, v2);
        assertThat(d.isEmpty()).as(d.toString()).isTrue();
        assertThat(v2.contentHash()).isEqualTo(v1.contentHash());
        assertThat(d.fromVersion()).isEqualTo(1);
        assertThat(d.toVersion()).isEqualTo(2);
    }

    @Test
    void addedRemovedChanged() {
        RuleSet v1 = set(1, A + B);
        RuleSet v2 = set(2, B.replace("max", "min") + C);
        RuleSetDiff d = RuleSet.diff(v1, v2);
        assertThat(d.added()).containsExactly("c");
        assertThat(d.removed()).containsExactly("a");
        assertThat(d.changed()).containsExactly("b");
        assertThat(d.touches("b")).isTrue();
        assertThat(v2.contentHash()).isNotEqualTo(v1.contentHash());
    }

    @Test
    void diffAgainstEmpty() {
        RuleSet v1 = set(1, A + B);
        assertThat(RuleSet.diff(RuleSet.EMPTY, v1).added()).containsExactly("a", "b");
        assertThat(RuleSet.diff(v1, RuleSet.EMPTY).removed()).containsExactly("a", "b");
        assertThat(RuleSet.diff(v1, v1).isEmpty()).isTrue();
    }

    /** Every field of a rule, changed alone, makes the rule "changed" and the hash differ. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "enabled flip          | enabled: false",
                "selector value        | match: 'm{x=\"2\"}'",
                "selector added        | match: [m, n]",
                "interval              | interval: 2m",
                "delay                 | delay: 5s",
                "staleness             | staleness_interval: 5m",
                "dedup                 | dedup_interval: 30s",
                "by nothing            | by: []",
                "without               | without: [job]",
                "by another label      | by: [pod]",
                "drop_input_labels     | drop_input_labels: [instance]",
                "outputs               | outputs: [sum_samples, max]",
                "quantiles φ           | outputs: ['quantiles(0.5, 0.9)']",
                "buckets               | 'outputs: [histogram_bucket], buckets: [1, 3]'",
                "keep_metric_names     | keep_metric_names: true",
                "output_name           | output_name: other",
                "max_output_series     | max_output_series: 10",
            })
    void anyFieldChangeIsAChange(String reason, String change) {
        String baseFields = "outputs: [histogram_bucket], buckets: [1, 2]";
        String changed = change.startsWith("'") ? change.substring(1, change.length() - 1) : change;
        RuleSet v1 = set(1, rule(baseFields));
        RuleSet v2 = set(2, rule(baseFields + ", " + changed));
        RuleSetDiff d = RuleSet.diff(v1, v2);
        assertThat(d.changed()).as(reason).containsExactly("r");
        assertThat(v2.contentHash()).isNotEqualTo(v1.contentHash());
    }

    @Test
    void duplicateNamesAreRejected() {
        List<io.condenser.rules.model.Rule> rules = set(1, A).rules();
        assertThatThrownBy(() -> RuleSet.of(1, List.of(rules.get(0), rules.get(0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate rule name \"a\"");
    }

    @Test
    void enabledRulesAndLookup() {
        RuleSet s = set(3, A + B.replace("by: [job]", "enabled: false"));
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.enabledRules())
                .extracting(io.condenser.rules.model.Rule::name)
                .containsExactly("a");
        assertThat(s.rule("b").enabled()).isFalse();
        assertThat(s.rule("zz")).isNull();
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.contentHash()).hasSize(64);
    }

    /**
     * A rule with the base keys, where {@code fields} may override them: keys later in the string
     * win, so the YAML never repeats a key.
     */
    private static String rule(String fields) {
        java.util.LinkedHashMap<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("name", "r");
        keys.put("match", "'m{x=\"1\"}'");
        keys.put("interval", "1m");
        keys.put("by", "[job]");
        for (String kv : splitTopLevel(fields)) {
            int colon = kv.indexOf(':');
            keys.put(kv.substring(0, colon).strip(), kv.substring(colon + 1).strip());
        }
        if (keys.containsKey("without")) {
            keys.remove("by");
        }
        if (!keys.get("outputs").contains("histogram_bucket")) {
            keys.remove("buckets");
        }
        StringBuilder sb = new StringBuilder("  - {");
        keys.forEach((k, v) -> sb.append(k).append(": ").append(v).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append("}\n").toString();
    }

    /** Splits {@code a: 1, b: [x, y]} at commas outside brackets. */
    private static List<String> splitTopLevel(String s) {
        List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static RuleSet set(long version, String rulesYaml) {
        RuleFileParser.Result r = RuleFileParser.parse("t.yaml", "rules:\n" + rulesYaml);
        assertThat(r.problems()).isEmpty();
        return RuleSet.of(version, r.rules());
    }
}
