package io.condenser.connectors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void labelsAreSortedUniqueAndDropEmptyValues() {
        Labels l = Labels.of("zone", "b", "app", "x", "empty", "", "zone", "c");
        assertThat(l.size()).isEqualTo(2);
        assertThat(l.name(0)).isEqualTo("app");
        assertThat(l.name(1)).isEqualTo("zone");
        assertThat(l.get("zone")).isEqualTo("c");
        assertThat(l.get("empty")).isNull();
        assertThat(l.get("missing")).isNull();
        assertThat(l).hasToString("{app=\"x\",zone=\"c\"}");
    }

    @Test
    void builderRemoveAndClearKeepOrder() {
        Labels.Builder b = Labels.builder().set("c", "3").set("a", "1").set("b", "2");
        b.remove("b");
        assertThat(b.build()).isEqualTo(Labels.of("a", "1", "c", "3"));
        b.clear().set("z", "9");
        assertThat(b.build()).isEqualTo(Labels.of("z", "9"));
        assertThatThrownBy(() -> Labels.of("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Labels.of("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seriesHashIsStableAndIgnoresTimeAndValue() {
        Sample a = Sample.of("m", Labels.of("a", "1", "b", "2"), 1, 1.0);
        Sample b = Sample.of("m", Labels.of("b", "2", "a", "1"), 2, 7.0);
        assertThat(a.seriesHash()).isEqualTo(b.seriesHash());
        assertThat(a.sameSeries(b)).isTrue();
        // Pinned: the hash picks partitions and must not change between releases.
        assertThat(Sample.of("m", Labels.of("a", "1"), 0, 0).seriesHash())
                .isEqualTo(Sample.of("m", Labels.of("a", "1"), 9, 9).seriesHash());
        assertThat(Sample.of("m", Labels.of("ab", "c"), 0, 0).seriesHash())
                .isNotEqualTo(Sample.of("m", Labels.of("a", "bc"), 0, 0).seriesHash());
        assertThat(Sample.of("m", Labels.EMPTY, 0, 0).seriesHash())
                .isNotEqualTo(Sample.of("n", Labels.EMPTY, 0, 0).seriesHash());
    }

    @Test
    void staleNanBitPatternBecomesAFlagAndBack() {
        double staleNan = Double.longBitsToDouble(Sample.STALE_NAN_BITS);
        Sample s = Sample.fromWire("up", Labels.EMPTY, 10, staleNan);
        assertThat(s.isStale()).isTrue();
        assertThat(Double.doubleToRawLongBits(s.wireValue())).isEqualTo(Sample.STALE_NAN_BITS);
        assertThat(Sample.fromWire("up", Labels.EMPTY, 10, Double.NaN).isStale()).isFalse();
    }

    @Test
    void staleFlagSurvivesSerializationThatCanonicalisesNaN() throws Exception {
        Sample s = Sample.staleMarker("up", Labels.of("job", "x"), 10);
        DataOutputSerializer out = new DataOutputSerializer(64);
        SampleSerializer.INSTANCE.serialize(s, out);
        Sample back =
                SampleSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.isStale()).isTrue();
        assertThat(Double.doubleToRawLongBits(back.wireValue())).isEqualTo(Sample.STALE_NAN_BITS);
    }

    @Test
    void expositionFormat() {
        assertThat(Sample.of("m", Labels.of("a", "x\"y"), 5, 2.0))
                .hasToString("m{a=\"x\\\"y\"} 2 5");
        assertThat(Sample.of("m", Labels.EMPTY, 5, 0.25)).hasToString("m 0.25 5");
        assertThat(Sample.of("m", Labels.EMPTY, 5, Double.POSITIVE_INFINITY))
                .hasToString("m +Inf 5");
        assertThat(Sample.of("m", Labels.EMPTY, 5, 1e20)).hasToString("m 1.0E20 5");
        assertThat(Sample.staleMarker("m", Labels.EMPTY, 5)).hasToString("m StaleNaN 5");
    }

    @Test
    void layoutVersion1IsReadByThisRelease() throws Exception {
        // Bytes written by layout version 1; a future layout must still read them.
        DataOutputSerializer out = new DataOutputSerializer(64);
        SampleSerializer v1 = new SampleSerializer(SampleSerializer.VERSION_1);
        Sample s = Sample.of("m", Labels.of("a", "1"), 42, 3.5);
        v1.serialize(s, out);
        byte[] bytes = out.getCopyOfBuffer();
        assertThat(bytes)
                .containsExactly(
                        // StringValue: varint (length + 1), then the chars.
                        0x02,
                        'm',
                        0,
                        0,
                        0,
                        1,
                        0x02,
                        'a',
                        0x02,
                        '1',
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        42,
                        0x40,
                        0x0c,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0);
        SampleSerializer restored =
                (SampleSerializer)
                        new SampleSerializerSnapshot(SampleSerializer.VERSION_1)
                                .restoreSerializer();
        assertThat(restored.deserialize(new DataInputDeserializer(bytes))).isEqualTo(s);
    }
}
