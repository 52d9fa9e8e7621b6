package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PrometheusNames} against Telegraf's sanitiser (plugins/serializers/prometheus/convert.go):
 * valid names unchanged (even with leading/trailing underscores), otherwise the first rune kept
 * only if it may start a name, later invalid runes (whole code points) become one {@code _} each,
 * then underscores trimmed; empty means invalid (null here).
 */
class PrometheusNamesTelegrafTest {

    @ParameterizedTest(name = "metric {0} -> {1}")
    @CsvSource(
            value = {
                "cpu_usage|cpu_usage",
                "cpu-usage|cpu_usage",
                "cpu.usage.idle|cpu_usage_idle",
                "my cpu|my_cpu",
                "1cpu|cpu",
                // Telegraf drops only the first invalid rune and would answer "23", which is not a
                // valid name; we keep the result valid with a leading underscore.
                "123|_23",
                ":abc|:abc",
                "a:b|a:b",
                "_|_", // valid as it is, so not trimmed
                "__a__|__a__",
                "-a-|a",
                "a-|a",
                "température|temp_rature",
                "a😀b|a_b", // one underscore per code point, as Go ranges over runes
                "😀cpu|cpu",
                "é|",
                "-|",
                "'a=b'|a_b",
            },
            delimiter = '|',
            emptyValue = "",
            nullValues = "<null>")
    void metricNames(String in, String expected) {
        assertThat(PrometheusNames.sanitizeMetricName(in))
                .isEqualTo(expected == null || expected.isEmpty() ? null : expected);
    }

    @ParameterizedTest(name = "label {0} -> {1}")
    @CsvSource(
            value = {
                "host|host",
                "host-name|host_name",
                ":abc|abc", // ':' may not start a label name: dropped
                "a:b|a_b",
                "1host|host",
                "__name__|__name__",
                "é|",
                "my tag|my_tag",
            },
            delimiter = '|',
            emptyValue = "")
    void labelNames(String in, String expected) {
        assertThat(PrometheusNames.sanitizeLabelName(in))
                .isEqualTo(expected == null || expected.isEmpty() ? null : expected);
    }

    @ParameterizedTest(name = "empty {0}")
    @CsvSource(value = {"''"})
    void emptyIsInvalid(String in) {
        assertThat(PrometheusNames.sanitizeMetricName(in)).isNull();
        assertThat(PrometheusNames.sanitizeLabelName(in)).isNull();
    }
}
