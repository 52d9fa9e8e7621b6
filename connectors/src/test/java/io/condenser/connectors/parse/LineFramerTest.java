package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    /** Records lines as "N:text" and rejections as "N!reason". */
    static final class Collector implements LineFramer.Handler {
        final List<String> out = new ArrayList<>();
        final List<byte[]> buffers = new ArrayList<>();

        @Override
        public void onLine(byte[] buf, int off, int len, long lineNumber) {
            out.add(lineNumber + ":" + new String(buf, off, len, StandardCharsets.UTF_8));
            buffers.add(buf);
        }

        @Override
        public void onRejected(Rejection rejection) {
            out.add(rejection.lineNumber() + "!" + rejection.reason());
        }
    }

    private static final String CORPUS =
            "cpu,host=a usage=1 1\r\n"
                    + "# comment with a \"quote\n"
                    + "\n"
                    + "sys s=\"multi\nline \\\" still\r\nin\",v=2 2\n"
                    + "m\"x,t=a\"b v=3\n"
                    + "str s=\"ends with backslash\\\\\",v=4\n"
                    + "last v=5";

    private static List<String> frame(boolean quoteAware, int max, byte[] in, int... cuts) {
        Collector c = new Collector();
        LineFramer f = new LineFramer(quoteAware, max, c);
        int prev = 0;
        for (int cut : cuts) {
            f.feed(in, prev, cut - prev);
            prev = cut;
        }
        f.feed(in, prev, in.length - prev);
        f.endOfInput();
        return c.out;
    }

    @Test
    void quoteAwareLinesAndPhysicalLineNumbers() {
        byte[] in = CORPUS.getBytes(StandardCharsets.UTF_8);
        assertThat(frame(true, 1000, in))
                .containsExactly(
                        "1:cpu,host=a usage=1 1",
                        "2:# comment with a \"quote",
                        "3:",
                        "4:sys s=\"multi\nline \\\" still\r\nin\",v=2 2",
                        "7:m\"x,t=a\"b v=3",
                        "8:str s=\"ends with backslash\\\\\",v=4",
                        "9:last v=5");
    }

    @Test
    void everySplitPointGivesTheSameLines() {
        byte[] in = CORPUS.getBytes(StandardCharsets.UTF_8);
        List<String> whole = frame(true, 1000, in);
        for (int cut = 0; cut <= in.length; cut++) {
            assertThat(frame(true, 1000, in, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
        for (int a = 0; a <= in.length; a += 3) {
            for (int b = a; b <= in.length; b += 5) {
                assertThat(frame(true, 1000, in, a, b)).as("cuts %d %d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    void everySplitPointWithoutQuoteAwareness() {
        byte[] in = CORPUS.getBytes(StandardCharsets.UTF_8);
        List<String> whole = frame(false, 1000, in);
        assertThat(whole).hasSize(9).contains("4:sys s=\"multi", "5:line \\\" still");
        for (int cut = 0; cut <= in.length; cut++) {
            assertThat(frame(false, 1000, in, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void aLineWithinOneChunkIsHandedOverWithoutCopy() {
        byte[] in = "a v=1\nb v=2\n".getBytes(StandardCharsets.UTF_8);
        Collector c = new Collector();
        LineFramer f = new LineFramer(true, 100, c);
        f.feed(in, 0, in.length);
        assertThat(c.buffers).allSatisfy(b -> assertThat(b).isSameAs(in));
    }

    @Test
    void overLongLinesAreRejectedAndSkipped() {
        String longLine = "x".repeat(50);
        byte[] in = ("ok v=1\n" + longLine + "\nok v=2\n").getBytes(StandardCharsets.UTF_8);
        List<String> whole = frame(true, 10, in);
        assertThat(whole).containsExactly("1:ok v=1", "2!line_too_long", "3:ok v=2");
        for (int cut = 0; cut <= in.length; cut++) {
            assertThat(frame(true, 10, in, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
        // Chunks of 3 bytes: the long line is never buffered whole.
        int[] cuts = new int[in.length / 3];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = 3 * (i + 1);
        }
        assertThat(frame(true, 10, in, cuts)).isEqualTo(whole);
    }

    @Test
    void overLongLastLineWithoutTerminator() {
        byte[] in = "ok v=1\nxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.UTF_8);
        assertThat(frame(true, 10, in, 10, 15)).containsExactly("1:ok v=1", "2!line_too_long");
    }

    @Test
    void maximumLengthIsInclusiveAndCrDoesNotCount() {
        byte[] in = "0123456789\r\n0123456789\n01234567890\n".getBytes(StandardCharsets.UTF_8);
        List<String> whole = frame(false, 10, in);
        assertThat(whole).containsExactly("1:0123456789", "2:0123456789", "3!line_too_long");
        for (int cut = 0; cut <= in.length; cut++) {
            assertThat(frame(false, 10, in, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void anUnterminatedStringRunsToTheEndOfInput() {
        byte[] in = "a s=\"open\nb v=1\nc v=2".getBytes(StandardCharsets.UTF_8);
        assertThat(frame(true, 100, in, 7)).containsExactly("1:a s=\"open\nb v=1\nc v=2");
        // ... and the next input starts afresh.
        Collector c = new Collector();
        LineFramer f = new LineFramer(true, 100, c);
        f.feed(in, 0, in.length);
        f.endOfInput();
        byte[] next = "d v=3\n".getBytes(StandardCharsets.UTF_8);
        f.feed(next, 0, next.length);
        assertThat(c.out).last().asString().endsWith(":d v=3");
    }

    @Test
    void crlfSplitBetweenCrAndLf() {
        byte[] in = "a v=1\r\nb v=2\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(frame(false, 100, in, 6)).containsExactly("1:a v=1", "2:b v=2");
        assertThat(frame(true, 100, in, 6)).containsExactly("1:a v=1", "2:b v=2");
    }

    @Test
    void emptyInputGivesNothing() {
        assertThat(frame(true, 10, new byte[0])).isEmpty();
    }
}
