package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.model.Sample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamParsingTest {

    static final class Collected implements ParseListener {
        final List<Sample> samples = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();

        @Override
        public void onSample(Sample sample) {
            samples.add(sample);
        }

        @Override
        public void onRejected(Rejection rejection) {
            rejections.add(rejection);
        }
    }

    private static Collected parse(InputFormat f, String text) throws IOException {
        Collected c = new Collected();
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
        Collected streamed = parse(InputFormat.INFLUX, text);
        Collected whole = new Collected();
        InputFormat.INFLUX
                .newParser(ParserOptions.defaults())
                .parse(text.getBytes(StandardCharsets.UTF_8), whole);
        assertThat(streamed.samples).isEqualTo(whole.samples).hasSize(3);
        assertThat(streamed.rejections).isEqualTo(whole.rejections);
        assertThat(streamed.rejections.get(0).lineNumber()).isEqualTo(5);
    }

    @Test
    void graphiteLines() throws IOException {
        Collected c = parse(InputFormat.GRAPHITE, "a.b 1 1700000000\r\nnope\na.c 2 1700000000\n");
        assertThat(c.samples).hasSize(2);
        assertThat(c.rejections).extracting(Rejection::lineNumber).containsExactly(2L);
    }
}
