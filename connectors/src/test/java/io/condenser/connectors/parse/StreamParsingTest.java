package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamParsingTest {

    private static ParseTranscript parse(InputFormat f, String text) throws IOException {
        ParseTranscript c = new ParseTranscript();
        StreamParsing.parse(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                f,
                f.newParser(ParserOptions.defaults()),
                c);
        return c;
    }

    /** Streaming line by line gives what one call over the whole input gives. */
    @Test
    void sameAsParsingTheWholeInputAndTheLineNumbersOfTheStream() throws IOException {
        String text =
                "cpu v=1 1000000000\n# c\ncpu s=\"two\nlines\",v=2 2000000000\nbad\ncpu v=3 3000000000";
        ParseTranscript streamed = parse(InputFormat.INFLUX, text);
        ParseTranscript whole =
                ParseTranscript.of(
                        InputFormat.INFLUX.newParser(ParserOptions.defaults()),
                        text.getBytes(StandardCharsets.UTF_8));
        assertThat(streamed.samples).isEqualTo(whole.samples).hasSize(3);
        assertThat(streamed.rejections).isEqualTo(whole.rejections);
        assertThat(streamed.rejections.get(0).lineNumber()).isEqualTo(5);
    }

    @Test
    void graphiteLines() throws IOException {
        ParseTranscript c =
                parse(InputFormat.GRAPHITE, "a.b 1 1700000000\r\nnope\na.c 2 1700000000\n");
        assertThat(c.samples).hasSize(2);
        assertThat(c.rejections).extracting(Rejection::lineNumber).containsExactly(2L);
    }
}
