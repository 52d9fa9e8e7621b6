package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.condenser.connectors.parse.FuzzInputs;
import io.condenser.connectors.parse.ParseTranscript;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xerial.snappy.Snappy;

/**
 * The parser never throws or hangs, and reports only well-formed samples, on any body. Each input
 * is tried as the body itself (mostly refused by snappy) and snappy-compressed (to reach the
 * protobuf decoder and the label checks).
 *
 * <p>Under plain {@code mvn verify} Jazzer only replays {@code
 * RemoteWriteRequestParserFuzzTestInputs/}; {@link #deterministicMutations} mutates valid requests
 * from a fixed seed on every build.
 */
class RemoteWriteRequestParserFuzzTest {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private static final RemoteWriteRequestParser PARSER =
            RemoteWriteRequestParser.builder().build();
    private static final RemoteWriteRequestParser SMALL =
            RemoteWriteRequestParser.builder().maxDecodedBytes(64).build();

    @FuzzTest(maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void fuzz(byte[] input) throws IOException {
        check(PARSER, input);
        check(SMALL, input);
        check(PARSER, Snappy.compress(input));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deterministicMutations() throws IOException {
        Random random = new Random(20261127L);
        Set<String> seen = new TreeSet<>();
        List<byte[]> requests = List.of(simple().toByteArray(), mixed().toByteArray());
        String alphabet = "_:abz09-\u0000\u00ff";
        for (int i = 0; i < 20_000; i++) {
            byte[] seed = requests.get(random.nextInt(requests.size()));
            byte[] mutated = FuzzInputs.mutate(random, seed, alphabet);
            record(seen, check(PARSER, Snappy.compress(mutated)));
            byte[] body = FuzzInputs.mutate(random, Snappy.compress(seed), alphabet);
            record(seen, check(PARSER, body));
            record(seen, check(SMALL, body));
        }
        // The mutations must reach both outcomes and the main error classes, or they prove little.
        assertThat(seen)
                .contains(
                        "sample",
                        "body_too_large",
                        "bad_snappy",
                        "bad_protobuf",
                        "missing_metric_name",
                        "bad_label_name");
    }

    private static void record(Set<String> seen, ParseTranscript t) {
        if (!t.samples.isEmpty()) {
            seen.add("sample");
        }
        t.rejections.forEach(r -> seen.add(r.reason()));
    }

    private static ParseTranscript check(RemoteWriteRequestParser parser, byte[] body) {
        ParseTranscript t = ParseTranscript.of(parser, body);
        for (Sample s : t.samples) {
            assertThat(s.name()).matches(METRIC_NAME);
            for (int i = 0; i < s.labels().size(); i++) {
                assertThat(s.labels().name(i)).matches(LABEL_NAME).isNotEqualTo("__name__");
                assertThat(s.labels().value(i)).isNotEmpty();
            }
            assertThat(s.toString()).isNotEmpty();
        }
        for (Rejection r : t.rejections) {
            assertThat(r.lineNumber()).isGreaterThanOrEqualTo(1);
            assertThat(r.reason()).matches("[a-z_]+");
        }
        t.skipped.values().forEach(n -> assertThat(n).isPositive());
        return t;
    }

    static Prompb.WriteRequest simple() {
        return Prompb.WriteRequest.newBuilder()
                .addTimeseries(
                        Prompb.TimeSeries.newBuilder()
                                .addLabels(label("__name__", "up"))
                                .addLabels(label("instance", "h:9100"))
                                .addLabels(label("job", "node"))
                                .addSamples(
                                        Prompb.Sample.newBuilder()
                                                .setValue(1)
                                                .setTimestamp(1_700_000_000_000L)))
                .build();
    }

    static Prompb.WriteRequest mixed() {
        return Prompb.WriteRequest.newBuilder()
                .addTimeseries(
                        Prompb.TimeSeries.newBuilder()
                                .addLabels(label("job", "j"))
                                .addLabels(label("__name__", "z"))
                                .addLabels(label("a", ""))
                                .addSamples(
                                        Prompb.Sample.newBuilder()
                                                .setValue(
                                                        Double.longBitsToDouble(
                                                                Sample.STALE_NAN_BITS))
                                                .setTimestamp(5))
                                .addExemplars(
                                        Prompb.Exemplar.newBuilder()
                                                .addLabels(label("trace_id", "abc"))
                                                .setValue(0.5)))
                .addTimeseries(
                        Prompb.TimeSeries.newBuilder()
                                .addLabels(label("__name__", "h"))
                                .addHistograms(
                                        Prompb.Histogram.newBuilder()
                                                .setCountInt(3)
                                                .setSum(2)
                                                .setSchema(1)
                                                .addPositiveSpans(
                                                        Prompb.BucketSpan.newBuilder()
                                                                .setOffset(0)
                                                                .setLength(2))
                                                .addPositiveDeltas(1)
                                                .addPositiveDeltas(1)
                                                .setTimestamp(7)))
                .addMetadata(
                        Prompb.MetricMetadata.newBuilder()
                                .setMetricFamilyName("up")
                                .setHelp("help"))
                .build();
    }

    private static Prompb.Label label(String n, String v) {
        return Prompb.Label.newBuilder().setName(n).setValue(v).build();
    }
}
