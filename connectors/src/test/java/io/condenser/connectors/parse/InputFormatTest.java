package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.graphite.GraphiteParser;
import io.condenser.connectors.remotewrite.RemoteWriteRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputFormatTest {

    @Test
    void idsAreStableAndUnique() {
        assertThat(InputFormat.GRAPHITE.id()).isEqualTo("graphite");
        assertThat(InputFormat.REMOTE_WRITE.id()).isEqualTo("remote-write");
        for (InputFormat f : InputFormat.values()) {
            assertThat(InputFormat.fromId(f.id())).isSameAs(f);
        }
        assertThat(InputFormat.INFLUX.id()).isEqualTo("influx");
        assertThat(InputFormat.ids()).isEqualTo("influx, graphite, remote-write");
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        assertThatThrownBy(() -> InputFormat.fromId("carbon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format 'carbon'")
                .hasMessageContaining("graphite");
    }

    @Test
    void parsersTakeTheirOptions() {
        ParserOptions options = new ParserOptions("ns", List.of("host.measurement"), () -> 5);
        SampleParser graphite = InputFormat.GRAPHITE.newParser(options);
        assertThat(graphite).isInstanceOf(GraphiteParser.class);
        assertThat(
                        ParseTranscript.of(graphite, "h1.cpu 1".getBytes(StandardCharsets.UTF_8))
                                .render())
                .isEqualTo("cpu{host=\"h1\"} 1 5");
        assertThat(
                        ParseTranscript.of(
                                        InputFormat.INFLUX.newParser(
                                                new ParserOptions("ms", List.of(), () -> 5)),
                                        "m,h=x f=1 7\nm f=2".getBytes(StandardCharsets.UTF_8))
                                .render())
                .isEqualTo("m_f{h=\"x\"} 1 7\nm_f 2 5");
        assertThatThrownBy(
                        () ->
                                InputFormat.INFLUX.newParser(
                                        new ParserOptions("h", List.of(), () -> 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InputFormat.REMOTE_WRITE.newParser(ParserOptions.defaults()))
                .isInstanceOf(RemoteWriteRequestParser.class);
        assertThatThrownBy(
                        () ->
                                InputFormat.GRAPHITE.newParser(
                                        new ParserOptions("ns", List.of("a b c d"), () -> 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
