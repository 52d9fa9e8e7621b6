package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Grouping;
import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileParserTest {

    @Test
    void everyKey() {
        RuleFileParser.Result r =
                RuleFileParser.parse(
                        "rules.yaml",
                        """
                        # comments are fine
                        rules:
                          - name: api-latency
                            enabled: false
                            match:
                              - 'http_request_duration_seconds{env="prod"}'
                              - "{__name__=~'rpc_duration_seconds', env='prod'}"
                            interval: 1m30s
                            delay: 10s
                            staleness_interval: 10m
                            dedup_interval: 15s
                            by: [service, code, service_x]
                            drop_input_labels: [pod]
                            outputs: ['quantiles(0.5, 0.99)', histogram_bucket, count_samples]
                            buckets: [0.005, 0.01, 1, 10]
                            output_name: api_latency
                            max_output_series: 5000
                        """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        Rule rule = r.rules().get(0);
        assertThat(rule.name()).isEqualTo("api-latency");
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.match()).hasSize(2);
        assertThat(rule.match().get(0).text())
                .isEqualTo("http_request_duration_seconds{env=\"prod\"}");
        assertThat(rule.match().get(0).exactMetricName())
                .isEqualTo("http_request_duration_seconds");
        assertThat(rule.match().get(1).exactMetricName()).isNull();
        assertThat(rule.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(rule.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rule.stalenessInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule.dedupInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(rule.grouping()).isEqualTo(Grouping.by(List.of("code", "service", "service_x")));
        assertThat(rule.dropInputLabels()).containsExactly("pod");
        assertThat(rule.outputs())
                .containsExactly(
                        new OutputSpec(Output.QUANTILES, List.of(0.5, 0.99)),
                        new OutputSpec(Output.HISTOGRAM_BUCKET, List.of(0.005, 0.01, 1.0, 10.0)),
                        OutputSpec.of(Output.COUNT_SAMPLES));
        assertThat(rule.keepMetricNames()).isFalse();
        assertThat(rule.outputName()).isEqualTo("api_latency");
        assertThat(rule.maxOutputSeries()).isEqualTo(5000);
        assertThat(rule.source()).isEqualTo(new Rule.SourcePosition("rules.yaml", 3));
    }

    @Test
    void defaults() {
        Rule rule =
                single(
                        """
                        rules:
                          - name: cpu
                            match: cpu_usage_idle
                            interval: 30s
                            outputs: [avg]
                        """);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.match()).hasSize(1);
        assertThat(rule.delay()).isEqualTo(Duration.ZERO);
        assertThat(rule.stalenessInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.dedupInterval()).isEqualTo(Duration.ZERO);
        assertThat(rule.grouping()).isEqualTo(Grouping.KEEP_ALL);
        assertThat(rule.dropInputLabels()).isEmpty();
        assertThat(rule.keepMetricNames()).isFalse();
        assertThat(rule.outputName()).isNull();
        assertThat(rule.maxOutputSeries()).isZero();
    }

    @Test
    void withoutAndKeepMetricNamesAndFlowStyle() {
        Rule rule =
                single(
                        "rules: [{name: x, match: 'up{job=\"a\"}', interval: 1m, without: [pod,"
                                + " instance], outputs: [last], keep_metric_names: true,"
                                + " dedup_interval: 0s}]");
        assertThat(rule.grouping()).isEqualTo(Grouping.without(List.of("instance", "pod")));
        assertThat(rule.keepMetricNames()).isTrue();
        assertThat(rule.dedupInterval()).isZero();
    }

    @Test
    void everyRegistryOutputIsAcceptedByItsYamlName() {
        for (Output o : Output.values()) {
            String spec = o == Output.QUANTILES ? "'quantiles(0, 1, 0.5)'" : o.yamlName();
            String buckets = o == Output.HISTOGRAM_BUCKET ? "    buckets: [1]\n" : "";
            Rule rule =
                    single(
                            "rules:\n  - name: r\n    match: m\n    interval: 1m\n    outputs: ["
                                    + spec
                                    + "]\n"
                                    + buckets);
            assertThat(rule.outputs().get(0).output()).isEqualTo(o);
        }
    }

    @Test
    void yaml11BooleanWordsAreStringsWhereAStringIsExpected() {
        Rule rule =
                single(
                        "rules: [{name: off, match: 'no', interval: 1m, by: [on, y],"
                                + " outputs: [max]}]");
        assertThat(rule.name()).isEqualTo("off");
        assertThat(rule.match().get(0).exactMetricName()).isEqualTo("no");
        assertThat(rule.grouping().labels()).containsExactly("on", "y");
    }

    @Test
    void emptyRuleListIsValid() {
        assertThat(RuleFileParser.parse("a.yaml", "rules: []\n").ok()).isTrue();
        assertThat(RuleFileParser.parse("a.yaml", "rules:\n").ok()).isTrue();
    }

    @Test
    void unreadableFileIsOneProblem(@TempDir Path dir) {
        RuleFileParser.Result r = RuleFileParser.parse(dir.resolve("missing.yaml"));
        assertThat(r.problems())
                .singleElement()
                .hasToString(dir.resolve("missing.yaml") + ": cannot read file: no such file");
    }

    @Test
    void readsFromPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.yaml");
        Files.writeString(f, "rules:\n  - {name: a, match: m, interval: 1m, outputs: [max]}\n");
        RuleFileParser.Result r = RuleFileParser.parse(f);
        assertThat(r.rules()).singleElement().extracting(Rule::source).hasToString(f + ":2");
    }

    private static Rule single(String yaml) {
        RuleFileParser.Result r = RuleFileParser.parse("t.yaml", yaml);
        assertThat(r.problems()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    @Test
    void aFileOverTheSizeLimitIsOneProblemNamingTheLimit() {
        String rule = "  - {name: r%d, match: m%d, interval: 1m, outputs: [sum_samples]}\n";
        StringBuilder text = new StringBuilder("rules:\n");
        int n = 0;
        while (text.length() <= RuleFileParser.MAX_FILE_CHARS) {
            text.append(String.format(rule, n, n));
            n++;
        }
        RuleFileParser.Result over = RuleFileParser.parse("big.yaml", text.toString());
        assertThat(over.ok()).isFalse();
        assertThat(over.problems()).hasSize(1);
        assertThat(over.problems().get(0).message())
                .contains("over the limit of 3,145,728 (3 MiB) for one rule file")
                .contains("several files in one rules directory");

        // just under the limit the same rules parse: the limit is the file's, not the YAML's
        String under = text.substring(0, text.lastIndexOf("  - {", text.length() - 2));
        RuleFileParser.Result ok = RuleFileParser.parse("big.yaml", under);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.rules()).hasSize(n - 1);
    }
}
