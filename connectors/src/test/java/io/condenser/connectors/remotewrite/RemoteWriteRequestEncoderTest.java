package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteWriteRequestEncoderTest {

    @Test
    void decodesBackToTheSameSeries() throws Exception {
        List<Sample> in =
                List.of(
                        Sample.of("cpu", Labels.of("host", "a", "cpu", "0"), 1000, 1.5),
                        Sample.of("mem", Labels.EMPTY, 1000, 42),
                        Sample.of("cpu", Labels.of("host", "a", "cpu", "0"), 2000, 2.5),
                        Sample.of("cpu", Labels.of("host", "b", "cpu", "0"), 1000, -1));
        Prompb.WriteRequest req =
                RemoteWriteRequestEncoder.decode(RemoteWriteRequestEncoder.encode(in));

        List<Sample> back = new ArrayList<>();
        for (Prompb.TimeSeries ts : req.getTimeseriesList()) {
            Labels.Builder lb = Labels.builder();
            String name = null;
            for (Prompb.Label l : ts.getLabelsList()) {
                if (l.getName().equals("__name__")) {
                    name = l.getValue();
                } else {
                    lb.set(l.getName(), l.getValue());
                }
            }
            for (Prompb.Sample s : ts.getSamplesList()) {
                back.add(Sample.fromWire(name, lb.build(), s.getTimestamp(), s.getValue()));
            }
        }
        assertThat(req.getTimeseriesCount()).as("one TimeSeries per series").isEqualTo(3);
        assertThat(back).containsExactlyInAnyOrderElementsOf(in);
        assertThat(req.getTimeseries(0).getSamplesList())
                .extracting(Prompb.Sample::getTimestamp)
                .containsExactly(1000L, 2000L);
    }

    @Test
    void labelsAreSortedWithNameSlottedInByteOrder() throws Exception {
        // '_' (0x5f) sorts after upper case and before lower case letters.
        Sample s = Sample.of("up", Labels.of("zone", "z", "Abc", "x", "b", "y", "_a", "w"), 1, 1);
        Prompb.TimeSeries ts =
                RemoteWriteRequestEncoder.decode(RemoteWriteRequestEncoder.encode(List.of(s)))
                        .getTimeseries(0);
        assertThat(ts.getLabelsList())
                .extracting(Prompb.Label::getName)
                .containsExactly("Abc", "__name__", "_a", "b", "zone")
                .isSorted();
    }

    @Test
    void strayNameLabelDoesNotDuplicateName() throws Exception {
        Sample s = Sample.of("up", Labels.of("__name__", "other", "job", "j"), 1, 1);
        Prompb.TimeSeries ts =
                RemoteWriteRequestEncoder.decode(RemoteWriteRequestEncoder.encode(List.of(s)))
                        .getTimeseries(0);
        assertThat(ts.getLabelsList())
                .extracting(l -> l.getName() + "=" + l.getValue())
                .containsExactly("__name__=up", "job=j");
    }

    @Test
    void staleMarkerSurvivesBitForBit() throws Exception {
        Sample stale = Sample.staleMarker("up", Labels.of("job", "j"), 5000);
        Prompb.WriteRequest req =
                RemoteWriteRequestEncoder.decode(RemoteWriteRequestEncoder.encode(List.of(stale)));
        double v = req.getTimeseries(0).getSamples(0).getValue();
        assertThat(Double.doubleToRawLongBits(v)).isEqualTo(0x7ff0000000000002L);
        // A plain NaN is not a marker.
        Sample nan = Sample.of("up", Labels.EMPTY, 5000, Double.NaN);
        double nv =
                RemoteWriteRequestEncoder.decode(RemoteWriteRequestEncoder.encode(List.of(nan)))
                        .getTimeseries(0)
                        .getSamples(0)
                        .getValue();
        assertThat(Double.doubleToRawLongBits(nv)).isNotEqualTo(0x7ff0000000000002L);
    }

    @Test
    void bodyIsSnappyBlockFormatNotFramed() throws Exception {
        byte[] body =
                RemoteWriteRequestEncoder.encode(List.of(Sample.of("up", Labels.EMPTY, 1, 1)));
        // The framed format starts with the stream identifier chunk 0xff 06 00 00 "sNaPpY".
        assertThat(body[0]).isNotEqualTo((byte) 0xff);
        assertThat(Snappy.isValidCompressedBuffer(body)).isTrue();
    }

    @Test
    void emptyNameIsNotEncodable() {
        assertThat(RemoteWriteRequestEncoder.isEncodable(Sample.of("", Labels.EMPTY, 1, 1)))
                .isFalse();
        assertThat(RemoteWriteRequestEncoder.isEncodable(Sample.of("x", Labels.EMPTY, 1, 1)))
                .isTrue();
    }
}
