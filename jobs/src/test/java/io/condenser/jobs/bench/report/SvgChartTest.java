package io.condenser.jobs.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The plots are well-formed SVG with a bar per value and a legend entry per series. */
class SvgChartTest {

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void barsAreWellFormedWithOneRectPerValue() throws Exception {
        String svg =
                SvgChart.bars(
                        "t <&>",
                        "y",
                        List.of("direct", "kafka"),
                        List.of(
                                new SvgChart.Series("job", new double[] {7, 7.2}),
                                new SvgChart.Series("broker", new double[] {-1, 1.9})),
                        true);
        Document d = parse(svg);
        // background + 4 bars + 2 legend swatches
        assertThat(d.getElementsByTagName("rect").getLength()).isEqualTo(1 + 4 + 2);
        assertThat(svg).contains("t &lt;&amp;&gt;").contains(">broker<");
    }

    @Test
    void linesAreWellFormed() throws Exception {
        String svg =
                SvgChart.lines(
                        "t",
                        "s",
                        "samples/s",
                        List.<double[][]>of(new double[][] {{0, 0}, {1, 100}, {2, 250}}),
                        List.of("direct"));
        assertThat(parse(svg).getElementsByTagName("path").getLength()).isEqualTo(1);
    }

    @Test
    void axisTopsAreRoundNumbers() {
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(7.3)).isEqualTo(10);
        assertThat(SvgChart.niceCeiling(130_000)).isEqualTo(200_000);
        assertThat(SvgChart.niceCeiling(450)).isEqualTo(500);
    }
}
