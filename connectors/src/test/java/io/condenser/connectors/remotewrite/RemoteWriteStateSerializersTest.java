package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.remotewrite.commit.RemoteWriteCommittable;
import io.condenser.connectors.remotewrite.commit.RemoteWriteCommittableSerializer;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterState;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterStateSerializer;
import io.condenser.connectors.remotewrite.writer.SeriesHighWaterMarks;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips, and bytes written by version 1 (frozen here as hex) still read back. */
class RemoteWriteStateSerializersTest {

    /** count 2; (hash 1, mark 1000, write 2000); (hash -1, mark 5, write 6). */
    private static final String WRITER_STATE_V1 =
            "00000002"
                    + "0000000000000001"
                    + "00000000000003e8"
                    + "00000000000007d0"
                    + "ffffffffffffffff"
                    + "0000000000000005"
                    + "0000000000000006";

    @Test
    void writerStateVersion1BytesReadBack() throws IOException {
        RemoteWriteWriterState s =
                RemoteWriteWriterStateSerializer.INSTANCE.deserialize(
                        RemoteWriteWriterStateSerializer.VERSION_1,
                        HexFormat.of().parseHex(WRITER_STATE_V1));
        assertThat(s)
                .isEqualTo(
                        new RemoteWriteWriterState(
                                new long[] {1, -1}, new long[] {1000, 5}, new long[] {2000, 6}));
    }

    @Test
    void writerStateRoundTripsAndCurrentVersionIsOne() throws IOException {
        RemoteWriteWriterState s =
                new RemoteWriteWriterState(
                        new long[] {1, -1}, new long[] {1000, 5}, new long[] {2000, 6});
        RemoteWriteWriterStateSerializer ser = RemoteWriteWriterStateSerializer.INSTANCE;
        assertThat(HexFormat.of().formatHex(ser.serialize(s))).isEqualTo(WRITER_STATE_V1);
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(s))).isEqualTo(s);
        assertThatThrownBy(() -> ser.deserialize(99, ser.serialize(s)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void highWaterMarksFilterReplaysAndExpireIdleSeries() throws IOException {
        SeriesHighWaterMarks m = new SeriesHighWaterMarks();
        assertThat(m.advance(7, 100, 0)).isTrue();
        assertThat(m.advance(7, 100, 0)).as("equal timestamp").isFalse();
        assertThat(m.advance(7, 50, 0)).as("older").isFalse();
        assertThat(m.advance(8, 10, 500)).isTrue();

        SeriesHighWaterMarks restored = new SeriesHighWaterMarks();
        RemoteWriteWriterStateSerializer ser = RemoteWriteWriterStateSerializer.INSTANCE;
        restored.restore(ser.deserialize(1, ser.serialize(m.snapshot())));
        assertThat(restored.advance(7, 100, 1000)).isFalse();
        assertThat(restored.advance(7, 101, 1000)).isTrue();

        assertThat(restored.expire(1_600, 1_000)).as("series 8 idle since 500").isEqualTo(1);
        assertThat(restored.mark(8)).isEqualTo(Long.MIN_VALUE);
        assertThat(restored.mark(7)).isEqualTo(101);
    }

    /** Sample "up{job=j}" at ts 1000 value 1.5, and a staleness marker (SampleSerializer v1). */
    private static final String COMMITTABLE_V1 = committableV1Hex();

    private static String committableV1Hex() {
        // Frozen from the first release of this format. StringValue writes length + 1.
        return "00000002"
                + "0375700000000104"
                + "6a6f62"
                + "026a"
                + "00000000000003e8"
                + "3ff8000000000000"
                + "00"
                + "0375700000000104"
                + "6a6f62"
                + "026a"
                + "00000000000007d0"
                + "7ff8000000000000"
                + "01";
    }

    @Test
    void committableVersion1BytesReadBack() throws IOException {
        List<Sample> samples =
                List.of(
                        Sample.of("up", Labels.of("job", "j"), 1000, 1.5),
                        Sample.staleMarker("up", Labels.of("job", "j"), 2000));
        RemoteWriteCommittableSerializer ser = RemoteWriteCommittableSerializer.INSTANCE;
        byte[] bytes = ser.serialize(new RemoteWriteCommittable(samples));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(COMMITTABLE_V1);
        assertThat(ser.deserialize(ser.getVersion(), bytes).samples()).isEqualTo(samples);
        assertThat(
                        ser.deserialize(
                                        RemoteWriteCommittableSerializer.VERSION_1,
                                        HexFormat.of().parseHex(COMMITTABLE_V1))
                                .samples())
                .isEqualTo(samples);
        assertThatThrownBy(() -> ser.deserialize(2, bytes)).isInstanceOf(IOException.class);
    }
}
