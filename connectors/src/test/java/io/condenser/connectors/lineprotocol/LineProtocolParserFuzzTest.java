package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.condenser.connectors.parse.LineFramer;
import io.condenser.connectors.parse.Rejection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer fuzz targets for the parser and the framer. Under plain {@code mvn verify} (no {@code
 * JAZZER_FUZZ}) Jazzer runs them in regression mode on the seed corpus in {@code
 * src/test/resources/.../LineProtocolParserFuzzTestInputs/<method>/}; {@link
 * LineProtocolMutationTest} adds thousands of mutated inputs from a fixed seed so CI exercises more
 * than the seeds. To fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl connectors test
 * -Dtest=LineProtocolParserFuzzTest} (stops after maxExecutions inputs); findings land in the
 * inputs directory and then replay in every build.
 */
class LineProtocolParserFuzzTest {

    @FuzzTest(maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void parseBody(byte[] input) {
        check(input);
    }

    @FuzzTest(maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void frameInChunks(byte[] input) {
        if (input.length == 0) {
            return;
        }
        // The first byte picks the chunk size, so the fuzzer explores chunk boundaries too.
        int chunk = 1 + (input[0] & 0x1f);
        byte[] data = java.util.Arrays.copyOfRange(input, 1, input.length);
        assertThat(framed(data, chunk, 64)).isEqualTo(framed(data, data.length + 1, 64));
    }

    /** Parses a body and, framed with the given chunk size, checks both ways agree. */
    static void check(byte[] input) {
        LineProtocolParser parser =
                LineProtocolParser.builder().clock(() -> 1L).maxLineBytes(200).build();
        GoldenCase.Recorder whole = new GoldenCase.Recorder();
        parser.parse(input, whole);
        for (Rejection r : whole.rejections) {
            GoldenTestSupport.hasDetailAndExcerpt(r);
        }
        GoldenCase.Recorder framed = new GoldenCase.Recorder();
        LineFramer framer = framerInto(parser, framed);
        for (int off = 0; off < input.length; off += 7) {
            framer.feed(input, off, Math.min(7, input.length - off));
        }
        framer.endOfInput();
        assertThat(framed.result()).isEqualTo(whole.result());
    }

    static LineFramer framerInto(LineProtocolParser parser, GoldenCase.Recorder r) {
        return new LineFramer(
                true,
                LineFramer.DEFAULT_MAX_LINE_BYTES,
                new LineFramer.Handler() {
                    @Override
                    public void onLine(byte[] buf, int off, int len, long lineNumber) {
                        parser.parseLine(buf, off, len, lineNumber, r);
                    }

                    @Override
                    public void onRejected(Rejection rejection) {
                        r.onRejected(rejection);
                    }
                });
    }

    /** Lines (with numbers) and rejections the framer gives for one chunk size. */
    static java.util.List<String> framed(byte[] data, int chunk, int max) {
        java.util.List<String> out = new java.util.ArrayList<>();
        LineFramer f =
                new LineFramer(
                        true,
                        max,
                        new LineFramer.Handler() {
                            @Override
                            public void onLine(byte[] buf, int off, int len, long n) {
                                assertThat(len).isLessThanOrEqualTo(max);
                                out.add(
                                        n
                                                + ":"
                                                + java.util.Arrays.toString(
                                                        java.util.Arrays.copyOfRange(
                                                                buf, off, off + len)));
                            }

                            @Override
                            public void onRejected(Rejection r) {
                                out.add(r.lineNumber() + "!" + r.reason());
                            }
                        });
        for (int off = 0; off < data.length; off += chunk) {
            f.feed(data, off, Math.min(chunk, data.length - off));
        }
        f.endOfInput();
        return out;
    }
}
