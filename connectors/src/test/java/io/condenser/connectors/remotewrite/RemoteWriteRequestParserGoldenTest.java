package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.parse.ParseTranscript;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;

/**
 * WriteRequests built with the generated protobuf builders, snappy-compressed, to expected
 * exposition text ({@code ! line N reason} for rejections, {@code ~ reason n} for skipped parts).
 */
class RemoteWriteRequestParserGoldenTest {

    static final double STALE = Double.longBitsToDouble(Sample.STALE_NAN_BITS);

    record Case(String reason, byte[] body, String expected) {
        @Override
        public String toString() {
            return reason;
        }
    }

    static Case c(String reason, Prompb.WriteRequest.Builder request, String expected) {
        return new Case(reason, snappy(request.build().toByteArray()), expected);
    }

    static Case raw(String reason, byte[] body, String expected) {
        return new Case(reason, body, expected);
    }

    static Prompb.WriteRequest.Builder req(Prompb.TimeSeries.Builder... series) {
        Prompb.WriteRequest.Builder b = Prompb.WriteRequest.newBuilder();
        for (Prompb.TimeSeries.Builder s : series) {
            b.addTimeseries(s);
        }
        return b;
    }

    /** A series from alternating label names and values, in the order given. */
    static Prompb.TimeSeries.Builder series(String... labels) {
        Prompb.TimeSeries.Builder b = Prompb.TimeSeries.newBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            b.addLabels(Prompb.Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        return b;
    }

    static Prompb.Sample.Builder s(double value, long ts) {
        return Prompb.Sample.newBuilder().setValue(value).setTimestamp(ts);
    }

    static Prompb.Histogram.Builder histogram(long ts) {
        return Prompb.Histogram.newBuilder()
                .setCountInt(3)
                .setSum(1.5)
                .setSchema(0)
                .setTimestamp(ts);
    }

    static Prompb.Exemplar.Builder exemplar(long ts) {
        return Prompb.Exemplar.newBuilder()
                .addLabels(Prompb.Label.newBuilder().setName("trace_id").setValue("abc"))
                .setValue(0.3)
                .setTimestamp(ts);
    }

    static byte[] snappy(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                c(
                        "one series, one sample",
                        req(
                                series("__name__", "up", "job", "node", "instance", "h:9100")
                                        .addSamples(s(1, 1000))),
                        "up{instance=\"h:9100\",job=\"node\"} 1 1000"),
                c(
                        "several samples keep their order",
                        req(
                                series("__name__", "x")
                                        .addSamples(s(1, 1000))
                                        .addSamples(s(2, 2000))
                                        .addSamples(s(0.5, 3000))),
                        "x 1 1000\nx 2 2000\nx 0.5 3000"),
                c(
                        "several series keep request order",
                        req(
                                series("__name__", "b").addSamples(s(1, 1)),
                                series("__name__", "a").addSamples(s(2, 2))),
                        "b 1 1\na 2 2"),
                c(
                        "StaleNaN becomes a staleness marker",
                        req(series("__name__", "up", "job", "j").addSamples(s(STALE, 5000))),
                        "up{job=\"j\"} StaleNaN 5000"),
                c(
                        "an ordinary NaN stays a value",
                        req(series("__name__", "x").addSamples(s(Double.NaN, 1))),
                        "x NaN 1"),
                c(
                        "infinities accepted",
                        req(
                                series("__name__", "x")
                                        .addSamples(s(Double.POSITIVE_INFINITY, 1))
                                        .addSamples(s(Double.NEGATIVE_INFINITY, 2))),
                        "x +Inf 1\nx -Inf 2"),
                c(
                        "zero and negative timestamps kept",
                        req(series("__name__", "x").addSamples(s(1, 0)).addSamples(s(1, -1000))),
                        "x 1 0\nx 1 -1000"),
                c(
                        "unsorted labels accepted and sorted",
                        req(series("zone", "z", "__name__", "m", "app", "a").addSamples(s(1, 1))),
                        "m{app=\"a\",zone=\"z\"} 1 1"),
                c(
                        "empty label value dropped",
                        req(series("__name__", "m", "a", "", "b", "x").addSamples(s(1, 1))),
                        "m{b=\"x\"} 1 1"),
                c(
                        "colons allowed in metric names",
                        req(series("__name__", "job:rate5m:sum").addSamples(s(1, 1))),
                        "job:rate5m:sum 1 1"),
                c(
                        "reserved-looking label names allowed",
                        req(series("__name__", "m", "__tmp", "v").addSamples(s(1, 1))),
                        "m{__tmp=\"v\"} 1 1"),
                c(
                        "UTF-8 and quotes in values kept (escaped in exposition)",
                        req(series("__name__", "m", "path", "/ä\"b\n").addSamples(s(1, 1))),
                        "m{path=\"/ä\\\"b\\n\"} 1 1"),
                c(
                        "missing __name__ rejected, other series kept",
                        req(
                                series("job", "j").addSamples(s(1, 1)),
                                series("__name__", "ok").addSamples(s(2, 2))),
                        "ok 2 2\n! line 1 missing_metric_name"),
                c(
                        "empty __name__ rejected",
                        req(series("__name__", "", "job", "j").addSamples(s(1, 1))),
                        "! line 1 missing_metric_name"),
                c(
                        "no labels at all rejected",
                        req(series().addSamples(s(1, 1))),
                        "! line 1 missing_metric_name"),
                c(
                        "metric name starting with a digit rejected",
                        req(series("__name__", "1abc").addSamples(s(1, 1))),
                        "! line 1 bad_metric_name"),
                c(
                        "metric name with a hyphen rejected",
                        req(series("__name__", "a-b").addSamples(s(1, 1))),
                        "! line 1 bad_metric_name"),
                c(
                        "label name with a hyphen rejected",
                        req(series("__name__", "m", "a-b", "v").addSamples(s(1, 1))),
                        "! line 1 bad_label_name"),
                c(
                        "label name with a colon rejected",
                        req(series("__name__", "m", "a:b", "v").addSamples(s(1, 1))),
                        "! line 1 bad_label_name"),
                c(
                        "empty label name rejected",
                        req(series("__name__", "m", "", "v").addSamples(s(1, 1))),
                        "! line 1 bad_label_name"),
                c(
                        "duplicate label rejected",
                        req(series("__name__", "m", "a", "1", "a", "2").addSamples(s(1, 1))),
                        "! line 1 duplicate_label"),
                c(
                        "duplicate label with an empty value rejected",
                        req(series("__name__", "m", "a", "", "a", "2").addSamples(s(1, 1))),
                        "! line 1 duplicate_label"),
                c(
                        "duplicate __name__ rejected",
                        req(series("__name__", "m", "__name__", "n").addSamples(s(1, 1))),
                        "! line 1 duplicate_label"),
                c(
                        "line number is the series index",
                        req(
                                series("__name__", "a").addSamples(s(1, 1)),
                                series("__name__", "b").addSamples(s(2, 2)),
                                series("__name__", "c", "x-y", "1").addSamples(s(3, 3)),
                                series("__name__", "d").addSamples(s(4, 4))),
                        "a 1 1\nb 2 2\nd 4 4\n! line 3 bad_label_name"),
                c(
                        "native histograms counted as skipped",
                        req(
                                series("__name__", "h")
                                        .addHistograms(histogram(1))
                                        .addHistograms(histogram(2))),
                        "~ native_histogram 2"),
                c(
                        "exemplars counted as skipped, samples kept",
                        req(
                                series("__name__", "c_total")
                                        .addSamples(s(7, 1))
                                        .addExemplars(exemplar(1))),
                        "c_total 7 1\n~ exemplar 1"),
                c(
                        "skipped parts summed over series",
                        req(
                                series("__name__", "a")
                                        .addExemplars(exemplar(1))
                                        .addHistograms(histogram(1)),
                                series("__name__", "b")
                                        .addExemplars(exemplar(2))
                                        .addSamples(s(1, 1))),
                        "b 1 1\n~ exemplar 2\n~ native_histogram 1"),
                c(
                        "metadata counted as skipped",
                        req().addMetadata(
                                        Prompb.MetricMetadata.newBuilder()
                                                .setMetricFamilyName("up")
                                                .setType(Prompb.MetricMetadata.MetricType.GAUGE)
                                                .setHelp("h"))
                                .addMetadata(
                                        Prompb.MetricMetadata.newBuilder()
                                                .setMetricFamilyName("x")),
                        "~ metadata 2"),
                c("series without samples produce nothing", req(series("__name__", "m")), ""),
                c("series without samples is not validated", req(series("no", "name")), ""),
                c("empty request", req(), ""),
                raw("empty body", new byte[0], "! line 1 bad_snappy"),
                raw(
                        "text is not snappy",
                        "hello world".getBytes(StandardCharsets.UTF_8),
                        "! line 1 bad_snappy"),
                raw("truncated snappy", truncated(), "! line 1 bad_snappy"),
                raw(
                        "snappy around garbage is not protobuf",
                        snappy(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02}),
                        "! line 1 bad_protobuf"),
                raw(
                        "snappy around a truncated protobuf",
                        snappy(
                                java.util.Arrays.copyOf(
                                        req(series("__name__", "abcdef").addSamples(s(1, 1)))
                                                .build()
                                                .toByteArray(),
                                        7)),
                        "! line 1 bad_protobuf"),
                raw(
                        "snappy around invalid UTF-8 in a label",
                        snappy(new byte[] {0x0a, 0x06, 0x0a, 0x04, 0x0a, 0x02, (byte) 0xc3, 0x28}),
                        "! line 1 bad_protobuf"));
    }

    static byte[] truncated() {
        byte[] full =
                snappy(
                        req(series("__name__", "m", "job", "a-long-enough-value-to-matter")
                                        .addSamples(s(1, 1)))
                                .build()
                                .toByteArray());
        return java.util.Arrays.copyOf(full, full.length / 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(Case c) {
        RemoteWriteRequestParser parser = RemoteWriteRequestParser.builder().build();
        assertThat(ParseTranscript.of(parser, c.body()).render())
                .as(c.reason())
                .isEqualTo(c.expected());
    }

    @Test
    void decodedSizeLimitRefusesBombs() {
        byte[] zeros = snappy(new byte[100_000]);
        assertThat(zeros.length).isLessThan(10_000);
        RemoteWriteRequestParser parser =
                RemoteWriteRequestParser.builder().maxDecodedBytes(1_000).build();
        assertThat(ParseTranscript.of(parser, zeros).render()).isEqualTo("! line 1 body_too_large");
    }

    @Test
    void headerClaimingGigabytesIsRefusedWithoutAllocating() {
        // varint 0x7fffffff, then one literal byte: a header that lies about the size.
        byte[] lie = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00, 0x41};
        String out = ParseTranscript.of(RemoteWriteRequestParser.builder().build(), lie).render();
        assertThat(out).isIn("! line 1 bad_snappy", "! line 1 body_too_large");
    }

    @Test
    void offsetAndLengthAreHonoured() {
        byte[] body =
                snappy(req(series("__name__", "m").addSamples(s(1, 1))).build().toByteArray());
        byte[] padded = new byte[body.length + 10];
        System.arraycopy(body, 0, padded, 5, body.length);
        ParseTranscript t = new ParseTranscript();
        RemoteWriteRequestParser.builder().build().parse(padded, 5, body.length, t);
        assertThat(t.render()).isEqualTo("m 1 1");
    }

    @Test
    void rejectionNamesTheSeries() {
        ParseTranscript t =
                ParseTranscript.of(
                        RemoteWriteRequestParser.builder().build(),
                        snappy(req(series("job", "j").addSamples(s(1, 1))).build().toByteArray()));
        assertThat(t.rejections.get(0).toString())
                .isEqualTo(
                        "line 1: missing_metric_name: series has no __name__ label: {job=\"j\"}");
    }

    @Test
    void reusedParserDoesNotSeeThePreviousBody() {
        RemoteWriteRequestParser parser = RemoteWriteRequestParser.builder().build();
        Prompb.WriteRequest.Builder big = req();
        for (int i = 0; i < 200; i++) {
            big.addTimeseries(
                    series("__name__", "big_" + i, "pad", "x".repeat(50)).addSamples(s(i, i)));
        }
        assertThat(ParseTranscript.of(parser, snappy(big.build().toByteArray())).samples)
                .hasSize(200);
        byte[] small =
                snappy(req(series("__name__", "m").addSamples(s(1, 1))).build().toByteArray());
        assertThat(ParseTranscript.of(parser, small).render()).isEqualTo("m 1 1");
        assertThat(ParseTranscript.of(parser, "junk".getBytes(StandardCharsets.UTF_8)).render())
                .isEqualTo("! line 1 bad_snappy");
        assertThat(ParseTranscript.of(parser, small).render()).isEqualTo("m 1 1");
    }
}
