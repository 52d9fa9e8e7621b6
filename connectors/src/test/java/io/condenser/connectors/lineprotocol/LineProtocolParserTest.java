package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The API around the golden cases: line entry point, shared labels, caches, options. */
class LineProtocolParserTest {

    static final class Collect implements ParseListener {
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void allFieldsOfALineShareOneLabelsObject() {
        Collect c = new Collect();
        LineProtocolParser.create(Precision.NANOSECONDS, () -> 0L)
                .parse(utf8("cpu,host=a,cpu=0 a=1,b=2,c=3 1000000\n"), c);
        assertThat(c.samples).hasSize(3);
        assertThat(c.samples.get(1).labels()).isSameAs(c.samples.get(0).labels());
        assertThat(c.samples.get(2).labels()).isSameAs(c.samples.get(0).labels());
    }

    @Test
    void parseLineReadsASliceWithItsLineNumber() {
        byte[] buf = utf8("garbage|m v=1,w=oops|more");
        Collect c = new Collect();
        LineProtocolParser p = LineProtocolParser.create(Precision.SECONDS, () -> 0L);
        p.parseLine(buf, 8, 5, 41, c);
        p.parseLine(buf, 8, 12, 42, c);
        assertThat(c.samples).extracting(Sample::toString).containsExactly("m_v 1 0");
        assertThat(c.rejections)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.lineNumber()).isEqualTo(42);
                            assertThat(r.reason()).isEqualTo("bad_field_value");
                            assertThat(r.detail()).contains("oops").contains("'w'");
                            assertThat(r.excerpt()).isEqualTo("m v=1,w=oops");
                        });
    }

    @Test
    void theClockIsReadOnlyForLinesWithoutTimestamp() {
        AtomicLong reads = new AtomicLong();
        Collect c = new Collect();
        LineProtocolParser.create(Precision.MILLISECONDS, () -> 1000 + reads.incrementAndGet())
                .parse(utf8("m v=1 5\nm v=2\nm v=3 7\n"), c);
        assertThat(reads.get()).isEqualTo(1);
        assertThat(c.samples).extracting(Sample::timestampMs).containsExactly(5L, 1001L, 7L);
    }

    @Test
    void moreDistinctSeriesThanTheCachesHoldStayCorrect() {
        int n = SeriesHeads.MAX_HEADS * 2 + 17;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("m")
                    .append(i % 3000)
                    .append(",id=")
                    .append(i)
                    .append(" f")
                    .append(i % 1500)
                    .append('=')
                    .append(i)
                    .append("i ")
                    .append(i)
                    .append('\n');
        }
        Collect c = new Collect();
        LineProtocolParser.create(Precision.MILLISECONDS, () -> 0L).parse(utf8(sb.toString()), c);
        assertThat(c.rejections).isEmpty();
        assertThat(c.samples).hasSize(n);
        for (int i = 0; i < n; i += 997) {
            Sample s = c.samples.get(i);
            assertThat(s.name()).isEqualTo("m" + (i % 3000) + "_f" + (i % 1500));
            assertThat(s.labels().get("id")).isEqualTo(Integer.toString(i));
            assertThat(s.value()).isEqualTo(i);
        }
    }

    @Test
    void aSeriesWhoseFieldsChangeBetweenLines() {
        Collect c = new Collect();
        LineProtocolParser.create(Precision.MILLISECONDS, () -> 0L)
                .parse(
                        utf8(
                                "m,t=a x=1,y=2 1\nm,t=a y=3,x=4 2\nm,t=a x=5,z=6 3\nm,t=a xx=7 4\nm,t=a x=8,x=9 5\n"),
                        c);
        assertThat(c.samples)
                .extracting(Sample::toString)
                .containsExactly(
                        "m_x{t=\"a\"} 1 1",
                        "m_y{t=\"a\"} 2 1",
                        "m_y{t=\"a\"} 3 2",
                        "m_x{t=\"a\"} 4 2",
                        "m_x{t=\"a\"} 5 3",
                        "m_z{t=\"a\"} 6 3",
                        "m_xx{t=\"a\"} 7 4",
                        "m_x{t=\"a\"} 9 5");
    }

    @Test
    void duplicatesAfterASeriesLayoutWasVerified() {
        Collect c = new Collect();
        String in =
                "m a=1,b=2 1\nm a=1,b=2 2\nm a=1,b=2,a=3 3\nm a=1,b=2 4\n"
                        + "m a-b=1,c=2 5\nm a-b=1,c=2 6\nm a-b=1,a_b=7 7\nm a-b=8,c=9 8\n"
                        + "m a=1,b=2,b=\"s\" 9\nm a=1,b=2 10\n";
        LineProtocolParser.create(Precision.MILLISECONDS, () -> 0L).parse(utf8(in), c);
        assertThat(c.samples)
                .extracting(Sample::toString)
                .containsExactly(
                        "m_a 1 1",
                        "m_b 2 1",
                        "m_a 1 2",
                        "m_b 2 2",
                        "m_a 3 3",
                        "m_b 2 3",
                        "m_a 1 4",
                        "m_b 2 4",
                        "m_a_b 1 5",
                        "m_c 2 5",
                        "m_a_b 1 6",
                        "m_c 2 6",
                        "m_a_b 7 7",
                        "m_a_b 8 8",
                        "m_c 9 8",
                        "m_a 1 9",
                        "m_a 1 10",
                        "m_b 2 10");
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> LineProtocolParser.builder().maxLineBytes(0).build())
                .hasMessageContaining("maxLineBytes must be >= 1, got 0");
        assertThatThrownBy(() -> LineProtocolParser.builder().precision(null).build())
                .isInstanceOf(NullPointerException.class);
        assertThat(LineProtocolParser.builder().build().precision())
                .isEqualTo(Precision.NANOSECONDS);
    }
}
