package io.condenser.connectors.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.parse.ParseTranscript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graphite input text to expected output: exposition lines for samples, {@code ! line N reason} for
 * rejections (see {@link ParseTranscript}). The clock reads {@link #NOW} for lines without a
 * timestamp.
 */
class GraphiteParserGoldenTest {

    static final long NOW = 1_600_000_000_123L;
    static final List<String> NO_TEMPLATES = List.of();

    record Case(String reason, List<String> templates, String input, String expected) {
        @Override
        public String toString() {
            return reason;
        }
    }

    static Case c(String reason, String input, String expected) {
        return new Case(reason, NO_TEMPLATES, input, expected);
    }

    static Case t(String reason, List<String> templates, String input, String expected) {
        return new Case(reason, templates, input, expected);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // --- framing and fields
                c(
                        "dots become underscores",
                        "cpu.load 1.5 1700000000",
                        "cpu_load 1.5 1700000000000"),
                c("LF line end", "cpu.load 1 1700000000\n", "cpu_load 1 1700000000000"),
                c("CRLF line end", "cpu.load 1 1700000000\r\n", "cpu_load 1 1700000000000"),
                c(
                        "two lines keep input order",
                        "b 2 1700000001\na 1 1700000000\n",
                        "b 2 1700000001000\na 1 1700000000000"),
                c("mixed LF and CRLF", "a 1 1\r\nb 2 2\nc 3 3\r\n", "a 1 1000\nb 2 2000\nc 3 3000"),
                c("tabs separate fields", "a\t1\t1700000000", "a 1 1700000000000"),
                c("runs of blanks separate fields", "a   1  \t 1700000000", "a 1 1700000000000"),
                c("leading blanks ignored", "   a 1 1700000000", "a 1 1700000000000"),
                c("trailing blanks ignored", "a 1 1700000000  \t", "a 1 1700000000000"),
                c(
                        "blank and whitespace-only lines produce nothing",
                        "\n   \n\t\r\na 1 1\n\n",
                        "a 1 1000"),
                c("empty input", "", ""),
                c("line numbers count blank lines", "\n\nbad\n", "! line 3 missing_value"),
                c(
                        "a bad line does not stop the next",
                        "a 1 1\nbad\nb 2 2",
                        "a 1 1000\nb 2 2000\n! line 2 missing_value"),
                c(
                        "long paths bypass the cache",
                        "x".repeat(600) + ".y 1 1\n" + "x".repeat(600) + ".y;t=v 2 2",
                        "x".repeat(600) + "_y 1 1000\n" + "x".repeat(600) + "_y{t=\"v\"} 2 2000"),
                c("same path twice (cache) keeps values", "a 1 1\na 2 2", "a 1 1000\na 2 2000"),
                // --- timestamps
                c("no timestamp uses the clock", "a 1", "a 1 1600000000123"),
                c("no timestamp, trailing blank", "a 1 ", "a 1 1600000000123"),
                c("carbon -1 means now", "a 1 -1", "a 1 1600000000123"),
                c("fractional seconds to ms", "a 1 1700000000.123", "a 1 1700000000123"),
                c("sub-ms digits truncated", "a 1 1700000000.123987", "a 1 1700000000123"),
                c("one fraction digit", "a 1 1700000000.5", "a 1 1700000000500"),
                c("trailing dot", "a 1 1700000000.", "a 1 1700000000000"),
                c("leading dot (sub-second)", "a 1 .25", "a 1 250"),
                c("zero timestamp", "a 1 0", "a 1 0"),
                c("exponent timestamp", "a 1 1.7e9", "a 1 1700000000000"),
                c("exponent timestamp with fraction", "a 1 1.7000000001234e9", "a 1 1700000000123"),
                c("negative timestamp rejected", "a 1 -5", "! line 1 bad_timestamp"),
                c("word timestamp rejected", "a 1 now", "! line 1 bad_timestamp"),
                c("16-digit seconds rejected", "a 1 1000000000000000", "! line 1 bad_timestamp"),
                c("huge exponent timestamp rejected", "a 1 1e99", "! line 1 bad_timestamp"),
                c("tiny exponent timestamp rejected", "a 1 1e-999999999", "! line 1 bad_timestamp"),
                c("timestamp with unit rejected", "a 1 1700000000s", "! line 1 bad_timestamp"),
                c("lone dot timestamp rejected", "a 1 .", "! line 1 bad_timestamp"),
                // --- values
                c("integer", "a 42 1", "a 42 1000"),
                c("negative", "a -42 1", "a -42 1000"),
                c("explicit plus", "a +7 1", "a 7 1000"),
                c("leading dot", "a .5 1", "a 0.5 1000"),
                c("trailing dot", "a 5. 1", "a 5 1000"),
                c("zero", "a 0 1", "a 0 1000"),
                c("negative zero", "a -0 1", "a -0 1000"),
                c("decimal fraction", "a 0.1 1", "a 0.1 1000"),
                c("collectd %g exponent", "a 1.5e+06 1", "a 1500000 1000"),
                c("upper-case negative exponent", "a 2.5E-3 1", "a 0.0025 1000"),
                c("exponent without sign", "a 1e3 1", "a 1000 1000"),
                c(
                        "long mantissa falls back exactly",
                        "a 12345678901234567890 1",
                        "a 1.2345678901234567E19 1000"),
                c(
                        "many fraction digits",
                        "a 0.30000000000000004441 1",
                        "a 0.30000000000000004 1000"),
                c("tiny value", "a 4.9e-324 1", "a 4.9E-324 1000"),
                c("max double", "a 1.7976931348623157e308 1", "a 1.7976931348623157E308 1000"),
                c("overflow to infinity rejected", "a 1e400 1", "! line 1 non_finite_value"),
                c("nan rejected", "a nan 1", "! line 1 non_finite_value"),
                c("NaN rejected", "a NaN 1", "! line 1 non_finite_value"),
                c("-Inf rejected", "a -Inf 1", "! line 1 non_finite_value"),
                c("+infinity rejected", "a +infinity 1", "! line 1 non_finite_value"),
                c("word value rejected", "a abc 1", "! line 1 bad_value"),
                c("two dots rejected", "a 1.2.3 1", "! line 1 bad_value"),
                c("dangling exponent rejected", "a 1e 1", "! line 1 bad_value"),
                c("hex rejected", "a 0x10 1", "! line 1 bad_value"),
                c("Java suffix rejected", "a 1d 1", "! line 1 bad_value"),
                c("underscore digits rejected", "a 1_000 1", "! line 1 bad_value"),
                c("lone sign rejected", "a - 1", "! line 1 bad_value"),
                c("lone dot rejected", "a . 1", "! line 1 bad_value"),
                c("comma decimal rejected", "a 1,5 1", "! line 1 bad_value"),
                // --- field count
                c("path only", "a.b", "! line 1 missing_value"),
                c("path and blanks only", "a.b   ", "! line 1 missing_value"),
                c("four fields", "a 1 2 3", "! line 1 too_many_fields"),
                c("comment lines are not special", "# a comment", "! line 1 bad_value"),
                // --- names
                c(
                        "hyphens sanitised",
                        "collectd.host-1.cpu-0.cpu-idle 5 1",
                        "collectd_host_1_cpu_0_cpu_idle 5 1000"),
                c("leading digit dropped", "1abc.def 1 1", "abc_def 1 1000"),
                c("digit left in front gets a _", "-1abc 1 1", "_1abc 1 1000"),
                c("tag name left with a digit in front", "a;-1h=x 1 1", "a{_1h=\"x\"} 1 1000"),
                c("non-ASCII sanitised", "température.salle 21 1", "temp_rature_salle 21 1000"),
                c("colon kept in metric names", "job:rate.5m 1 1", "job:rate_5m 1 1000"),
                c("nothing valid in the path", "... 1 1", "! line 1 bad_name"),
                c(
                        "bad path cached, still rejected each time",
                        "... 1 1\n... 2 2",
                        "! line 1 bad_name\n! line 2 bad_name"),
                c("empty segments collapse to underscores", "a..b 1 1", "a__b 1 1000"),
                // --- Graphite 1.1 tags
                c(
                        "tags become labels, sorted",
                        "disk.used;host=a;dc=eu 10 1",
                        "disk_used{dc=\"eu\",host=\"a\"} 10 1000"),
                c("tag name sanitised", "cpu;host-name=a 1 1", "cpu{host_name=\"a\"} 1 1000"),
                c("tag value keeps dots", "a;ip=10.0.0.1 1 1", "a{ip=\"10.0.0.1\"} 1 1000"),
                c("tag value split at the first =", "a;q=x=y 1 1", "a{q=\"x=y\"} 1 1000"),
                c("tag value quote escaped", "a;q=say\"hi 1 1", "a{q=\"say\\\"hi\"} 1 1000"),
                c("duplicate tag: last wins", "a;h=1;h=2 1 1", "a{h=\"2\"} 1 1000"),
                c("__name__ tag is reserved", "a;__name__=x 1 1", "! line 1 bad_tag"),
                c("other __ tags kept", "a;__tmp=x 1 1", "a{__tmp=\"x\"} 1 1000"),
                c("tag without =", "a;host 1 1", "! line 1 bad_tag"),
                c("tag with empty value", "a;host= 1 1", "! line 1 bad_tag"),
                c("tag with empty name", "a;=x 1 1", "! line 1 bad_tag"),
                c("trailing ;", "a;host=x; 1 1", "! line 1 bad_tag"),
                c("tag name with no valid character", "a;-=x 1 1", "! line 1 bad_tag"),
                c("tags without a path", ";host=a 1 1", "! line 1 bad_path"),
                // --- templates
                t(
                        "host.measurement.field*",
                        List.of("host.measurement.field*"),
                        "server01.cpu.load.shortterm 0.5 1",
                        "cpu_load_shortterm{host=\"server01\"} 0.5 1000"),
                t(
                        "collectd prefix skipped by an empty part",
                        List.of("collectd.* .host.measurement.field*"),
                        "collectd.web1.load.load.shortterm 0.05 1700000000\n"
                                + "collectd.web1.memory.memory-free 1.2e+09 1700000000",
                        "load_load_shortterm{host=\"web1\"} 0.05 1700000000000\n"
                                + "memory_memory_free{host=\"web1\"} 1200000000 1700000000000"),
                t(
                        "Telegraf graphite output shape",
                        List.of("host.measurement.cpu.field"),
                        "web1.cpu.cpu-total.usage_idle 98.5 1",
                        "cpu_usage_idle{cpu=\"cpu-total\",host=\"web1\"} 98.5 1000"),
                t(
                        "filter falls through to the default template",
                        List.of("servers.* .host.measurement.field*", "measurement*"),
                        "servers.web1.cpu.idle 1 1\nother.x.y 2 2",
                        "cpu_idle{host=\"web1\"} 1 1000\nother_x_y 2 2000"),
                t(
                        "the most specific filter wins: literal before glob",
                        List.of("a.* .x.measurement", "a.b.* .y.measurement"),
                        "a.b.c 1 1",
                        "c{y=\"b\"} 1 1000"),
                t(
                        "one filter per path length (Telegraf's documented example)",
                        List.of(
                                "*.*.* region.region.measurement",
                                "*.*.*.* region.region.host.measurement"),
                        "us.west.cpu 1 1\nus.west.h1.cpu 2 2\nus.west.h1.cpu.extra 3 3",
                        "cpu{region=\"us.west\"} 1 1000\n"
                                + "cpu{host=\"h1\",region=\"us.west\"} 2 2000\n"
                                + "cpu{host=\"h1\",region=\"us.west\"} 3 3000"),
                t(
                        "equally specific filters: configuration order",
                        List.of("*.cpu x.measurement", "*.cpu y.measurement"),
                        "h.cpu 1 1",
                        "cpu{x=\"h\"} 1 1000"),
                t(
                        "a literal at an earlier position beats a longer glob filter",
                        List.of("*.b.c.d w.x.y.measurement", "a.* host.measurement"),
                        "a.b.c.d 1 1",
                        "b{host=\"a\"} 1 1000"),
                t(
                        "falls back to a glob filter when the literal branch does not match",
                        List.of("a.b.c host.measurement", "*.b.d .measurement"),
                        "a.b.d 1 1",
                        "b 1 1000"),
                t(
                        "filter longer than the path does not match",
                        List.of("a.b.c.d measurement.host"),
                        "a.b.c 1 1",
                        "a_b_c 1 1000"),
                t(
                        "no match and no default: whole path",
                        List.of("cpu.* measurement.host"),
                        "mem.free 1 1",
                        "mem_free 1 1000"),
                t(
                        "default tags",
                        List.of("measurement.field region=us-west,dc=1"),
                        "cpu.idle 5 1",
                        "cpu_idle{dc=\"1\",region=\"us-west\"} 5 1000"),
                t(
                        "filter, template and tags",
                        List.of("cpu.* measurement.host.field env=prod"),
                        "cpu.h1.idle 1 1",
                        "cpu_idle{env=\"prod\",host=\"h1\"} 1 1000"),
                t(
                        "measurement parts joined",
                        List.of("measurement.host.measurement"),
                        "net.h1.bytes 1 1",
                        "net_bytes{host=\"h1\"} 1 1000"),
                t(
                        "repeated tag parts joined with . (Telegraf default)",
                        List.of("host.host.measurement"),
                        "web.1.cpu 1 1",
                        "cpu{host=\"web.1\"} 1 1000"),
                t(
                        "empty parts skip positions",
                        List.of(".measurement..field"),
                        "prefix.cpu.junk.idle 1 1",
                        "cpu_idle 1 1000"),
                t(
                        "measurement* takes the rest",
                        List.of("host.measurement*"),
                        "h1.disk.sda.io 1 1",
                        "disk_sda_io{host=\"h1\"} 1 1000"),
                t(
                        "field without measurement keeps the whole path (as Telegraf)",
                        List.of("host.field"),
                        "h1.idle 1 1",
                        "h1_idle_idle{host=\"h1\"} 1 1000"),
                t(
                        "template longer than the path",
                        List.of("host.measurement.field"),
                        "h1.cpu 1 1",
                        "cpu{host=\"h1\"} 1 1000"),
                t(
                        "path longer than the template: extra parts ignored",
                        List.of("host.measurement"),
                        "h1.cpu.idle.extra 1 1",
                        "cpu{host=\"h1\"} 1 1000"),
                t(
                        "templates apply to the path of a tagged line",
                        List.of("host.measurement.field*"),
                        "h1.cpu.idle;dc=eu 1 1",
                        "cpu_idle{dc=\"eu\",host=\"h1\"} 1 1000"),
                t(
                        "a Graphite tag wins over a template label",
                        List.of("host.measurement"),
                        "h1.cpu;host=h2 1 1",
                        "cpu{host=\"h2\"} 1 1000"),
                t(
                        "a path label wins over a default tag",
                        List.of("host.measurement host=default"),
                        "h1.cpu 1 1",
                        "cpu{host=\"h1\"} 1 1000"),
                t(
                        "? matches one character",
                        List.of("web?.* host.measurement"),
                        "web1.cpu 1 1\nweb10.cpu 2 2",
                        "cpu{host=\"web1\"} 1 1000\nweb10_cpu 2 2000"),
                t(
                        "* inside a filter part",
                        List.of("collectd.*.cpu-* .host.cpu.measurement"),
                        "collectd.h1.cpu-0.idle 1 1",
                        "idle{cpu=\"cpu-0\",host=\"h1\"} 1 1000"),
                t(
                        "empty path part drops its label",
                        List.of("host.measurement"),
                        ".cpu 1 1",
                        "cpu 1 1000"),
                t(
                        "template label names sanitised",
                        List.of("host-name.measurement"),
                        "h1.cpu 1 1",
                        "cpu{host_name=\"h1\"} 1 1000"),
                t(
                        "template output still sanitised",
                        List.of("host.measurement.field"),
                        "h1.cpu-0.usage%idle 1 1",
                        "cpu_0_usage_idle{host=\"h1\"} 1 1000"),
                t(
                        "errors still reported with templates",
                        List.of("host.measurement"),
                        "h1.cpu x 1",
                        "! line 1 bad_value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(Case c) {
        GraphiteParser parser =
                GraphiteParser.builder().templates(c.templates()).clock(() -> NOW).build();
        ParseTranscript t = ParseTranscript.of(parser, c.input().getBytes(StandardCharsets.UTF_8));
        assertThat(t.render()).as(c.reason()).isEqualTo(c.expected());
    }

    @org.junit.jupiter.api.Test
    void rejectionExcerptIsShortForHugeLines() {
        GraphiteParser parser = GraphiteParser.builder().clock(() -> NOW).build();
        String line = "a".repeat(100_000) + " x 1";
        ParseTranscript t = ParseTranscript.of(parser, line.getBytes(StandardCharsets.UTF_8));
        assertThat(t.rejections).hasSize(1);
        assertThat(t.rejections.get(0).reason()).isEqualTo("bad_value");
        assertThat(t.rejections.get(0).excerpt()).isEqualTo("a".repeat(120) + "...");
    }
}
