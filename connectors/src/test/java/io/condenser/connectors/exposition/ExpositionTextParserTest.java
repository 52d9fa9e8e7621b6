package io.condenser.connectors.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.parse.ParseTranscript;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionTextParserTest {

    private List<Sample> samples;
    private List<Rejection> rejections;

    private void parse(String text) {
        ParseTranscript t =
                ParseTranscript.of(
                        new ExpositionTextParser(() -> 42), text.getBytes(StandardCharsets.UTF_8));
        samples = t.samples;
        rejections = t.rejections;
    }

    @Test
    void federateOutput() {
        parse(
                """
                # TYPE up untyped
                up{instance="localhost:9090",job="prometheus"} 1 1700000000123
                http_requests_total{code="200",path="/a \\"b\\"\\\\c\\n",} 1.5e3 1700000000000
                go_goroutines 7
                x{le="+Inf"} +Inf 1
                y NaN 1
                """);
        assertThat(rejections).isEmpty();
        assertThat(samples)
                .containsExactly(
                        Sample.of(
                                "up",
                                Labels.of("instance", "localhost:9090", "job", "prometheus"),
                                1700000000123L,
                                1),
                        Sample.of(
                                "http_requests_total",
                                Labels.of("code", "200", "path", "/a \"b\"\\c\n"),
                                1700000000000L,
                                1500),
                        Sample.of("go_goroutines", Labels.EMPTY, 42, 7),
                        Sample.of("x", Labels.of("le", "+Inf"), 1, Double.POSITIVE_INFINITY),
                        Sample.of("y", Labels.EMPTY, 1, Double.NaN));
    }

    @Test
    void badLinesAreRejectedWithTheirNumbers() {
        parse("1up 1\nup{a=b} 1\nup{a=\"b\" 1\nup one\nup 1 2.5\nup 1\n");
        assertThat(rejections)
                .extracting(Rejection::lineNumber, Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "bad_metric_name"),
                        org.assertj.core.groups.Tuple.tuple(2L, "bad_label"),
                        org.assertj.core.groups.Tuple.tuple(3L, "bad_label"),
                        org.assertj.core.groups.Tuple.tuple(4L, "bad_value"),
                        org.assertj.core.groups.Tuple.tuple(5L, "bad_timestamp"));
        assertThat(samples).hasSize(1);
    }
}
