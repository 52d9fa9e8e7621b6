package io.condenser.connectors.remotewrite.encode;

import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Turns a batch of samples into a remote-write 1.0 body: a protobuf {@code WriteRequest},
 * compressed with snappy's block format (not the framed/stream format, which receivers refuse).
 *
 * <p>Samples of one series are gathered into one {@code TimeSeries} in the order given; the caller
 * hands them in increasing timestamp order per series (the writer's high-water mark guarantees it).
 * Labels are {@code __name__} plus the sample's labels, sorted by name: {@link Labels} is already
 * sorted, unique and free of empty values, so this only has to slot {@code __name__} in.
 */
public final class RemoteWriteRequestEncoder {

    public static final String NAME_LABEL = "__name__";

    private RemoteWriteRequestEncoder() {}

    /** True when a sample can be put on the wire (a non-empty metric name). */
    public static boolean isEncodable(Sample s) {
        return !s.name().isEmpty();
    }

    /** The uncompressed protobuf request. */
    public static Prompb.WriteRequest toRequest(List<Sample> samples) {
        Map<SeriesKey, Prompb.TimeSeries.Builder> series = new LinkedHashMap<>();
        for (Sample s : samples) {
            Prompb.TimeSeries.Builder ts =
                    series.computeIfAbsent(
                            new SeriesKey(s.name(), s.labels()),
                            k -> labelsOf(k.name(), k.labels()));
            ts.addSamples(
                    Prompb.Sample.newBuilder()
                            .setTimestamp(s.timestampMs())
                            .setValue(s.wireValue())
                            .build());
        }
        Prompb.WriteRequest.Builder req = Prompb.WriteRequest.newBuilder();
        for (Prompb.TimeSeries.Builder ts : series.values()) {
            req.addTimeseries(ts);
        }
        return req.build();
    }

    /** The request body: protobuf, snappy block format. */
    public static byte[] encode(List<Sample> samples) {
        return compress(toRequest(samples).toByteArray());
    }

    public static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            // snappy-java only throws for a native-library failure, not for bad input.
            throw new UncheckedIOException("snappy compression failed", e);
        }
    }

    /** Decodes a body back (tests, the fault-injecting receiver). */
    public static Prompb.WriteRequest decode(byte[] body) throws IOException {
        return Prompb.WriteRequest.parseFrom(Snappy.uncompress(body));
    }

    /**
     * A rough size of a sample on the wire before compression, for the batch byte bound: the label
     * strings plus per-label and per-sample protobuf overhead.
     */
    public static int estimateBytes(Sample s) {
        int n = s.name().length() + NAME_LABEL.length() + 4 + 20;
        Labels l = s.labels();
        for (int i = 0; i < l.size(); i++) {
            n += l.name(i).length() + l.value(i).length() + 4;
        }
        return n;
    }

    private static Prompb.TimeSeries.Builder labelsOf(String name, Labels labels) {
        Prompb.TimeSeries.Builder ts = Prompb.TimeSeries.newBuilder();
        boolean nameAdded = false;
        for (int i = 0; i < labels.size(); i++) {
            String ln = labels.name(i);
            if (ln.equals(NAME_LABEL)) {
                // The sample's name is the metric name; a stray __name__ label must not
                // duplicate it.
                continue;
            }
            if (!nameAdded && ln.compareTo(NAME_LABEL) > 0) {
                ts.addLabels(label(NAME_LABEL, name));
                nameAdded = true;
            }
            ts.addLabels(label(ln, labels.value(i)));
        }
        if (!nameAdded) {
            ts.addLabels(label(NAME_LABEL, name));
        }
        return ts;
    }

    private static Prompb.Label label(String name, String value) {
        return Prompb.Label.newBuilder().setName(name).setValue(value).build();
    }

    private record SeriesKey(String name, Labels labels) {}
}
