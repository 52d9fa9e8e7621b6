package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.parse.LineFramer;
import io.condenser.connectors.parse.Rejection;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of line-protocol cases in {@code lineprotocol/golden.txt}: input text, the samples,
 * rejections and skip counts it must give, and why. Each case runs twice: as one body through
 * {@link LineProtocolParser#parse(byte[], ParseListener)}, and fed one byte at a time through a
 * quote-aware {@link LineFramer} into {@link LineProtocolParser#parseLine}; both must agree.
 */
class LineProtocolParserGoldenTest {

    static List<GoldenCase> cases() throws IOException {
        return GoldenCase.load("/lineprotocol/golden.txt");
    }

    @Test
    void tableHasEnoughCases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wholeBody(GoldenCase c) {
        GoldenCase.Recorder r = new GoldenCase.Recorder();
        c.parser().parse(c.input(), r);
        assertThat(r.result()).as(c.reason()).containsExactlyElementsOf(c.expected());
        assertThat(r.rejections).allSatisfy(GoldenTestSupport::hasDetailAndExcerpt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framedByteByByte(GoldenCase c) {
        GoldenCase.Recorder r = new GoldenCase.Recorder();
        LineProtocolParser parser = c.parser();
        LineFramer framer =
                new LineFramer(
                        true,
                        // The parser enforces the case's limit; the framer only guards memory.
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
        byte[] in = c.input();
        for (int i = 0; i < in.length; i++) {
            framer.feed(in, i, 1);
        }
        framer.endOfInput();
        assertThat(r.result()).as(c.reason()).containsExactlyElementsOf(c.expected());
    }
}
