package io.condenser.connectors.remotewrite;

import com.google.protobuf.InvalidProtocolBufferException;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.xerial.snappy.Snappy;

/**
 * A Prometheus remote-write 1.0 request body: snappy block format around a protobuf {@code
 * WriteRequest}. Every sample of every series becomes a {@link Sample}; the StaleNaN bit pattern
 * becomes a staleness marker ({@link Sample#fromWire}).
 *
 * <p>Per series, the labels must carry a non-empty {@code __name__} that is a valid metric name,
 * label names must be valid Prometheus label names and unique. Unsorted labels are accepted and
 * sorted (the spec makes sorting the sender's duty; Prometheus' own receiver sorts too); a label
 * with an empty value is dropped (Prometheus treats it as absent). Native histograms, exemplars and
 * metadata are decoded and counted as skipped ({@code native_histogram}, {@code exemplar}, {@code
 * metadata}).
 *
 * <p>Rejections: a body that is not snappy, too large once decoded, or not a WriteRequest is one
 * rejection with line number 1 ({@code bad_snappy}, {@code body_too_large}, {@code bad_protobuf});
 * a bad series is one rejection whose line number is the series' 1-based index in the request
 * ({@code missing_metric_name}, {@code bad_metric_name}, {@code bad_label_name}, {@code
 * duplicate_label}), and the other series still count.
 */
public final class RemoteWriteRequestParser implements SampleParser {

    /** Prometheus' own receiver refuses bodies that decode to more than this. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 32 * 1024 * 1024;

    private final int maxDecodedBytes;
    private final Labels.Builder labels = Labels.builder();
    private final Set<String> seenNames = new HashSet<>();

    /** Decoded bodies up to this size reuse one buffer; larger ones are not kept. */
    private static final int RETAINED_BUFFER_BYTES = 1 << 20;

    private byte[] buffer = new byte[0];
    private int decodedLength;

    private RemoteWriteRequestParser(Builder b) {
        this.maxDecodedBytes = b.maxDecodedBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void parse(byte[] input, int offset, int length, ParseListener listener) {
        byte[] decoded = decode(input, offset, length, listener);
        if (decoded == null) {
            return;
        }
        Prompb.WriteRequest request;
        try {
            request = Prompb.WriteRequest.parser().parseFrom(decoded, 0, decodedLength);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            listener.onRejected(
                    Rejection.of(
                            1,
                            "bad_protobuf",
                            "body is not a remote-write WriteRequest: " + e.getMessage(),
                            ""));
            return;
        }
        long exemplars = 0;
        long histograms = 0;
        for (int i = 0; i < request.getTimeseriesCount(); i++) {
            Prompb.TimeSeries series = request.getTimeseries(i);
            exemplars += series.getExemplarsCount();
            histograms += series.getHistogramsCount();
            if (series.getSamplesCount() > 0) {
                emit(series, i + 1, listener);
            }
        }
        if (histograms > 0) {
            listener.onSkipped("native_histogram", histograms);
        }
        if (exemplars > 0) {
            listener.onSkipped("exemplar", exemplars);
        }
        if (request.getMetadataCount() > 0) {
            listener.onSkipped("metadata", request.getMetadataCount());
        }
    }

    /**
     * Snappy-decodes the body; returns the bytes (valid up to {@link #decodedLength}), or null
     * after a rejection. The size in the header is checked first, so a decompression bomb is
     * refused before any work; then the whole stream is validated before anything is allocated for
     * it.
     */
    private byte[] decode(byte[] input, int offset, int length, ParseListener listener) {
        try {
            if (length == 0) {
                listener.onRejected(Rejection.of(1, "bad_snappy", "body is empty", ""));
                return null;
            }
            int size = Snappy.uncompressedLength(input, offset, length);
            if (size < 0 || size > maxDecodedBytes) {
                listener.onRejected(
                        Rejection.of(
                                1,
                                "body_too_large",
                                "body decodes to "
                                        + Integer.toUnsignedString(size)
                                        + " bytes, the limit is "
                                        + maxDecodedBytes,
                                ""));
                return null;
            }
            if (!Snappy.isValidCompressedBuffer(input, offset, length)) {
                listener.onRejected(
                        Rejection.of(
                                1,
                                "bad_snappy",
                                "body is not snappy block format",
                                excerpt(input, offset, length)));
                return null;
            }
            byte[] out = size > RETAINED_BUFFER_BYTES ? new byte[size] : buffer;
            if (out.length < size) {
                out = buffer = new byte[size];
            }
            decodedLength = Snappy.uncompress(input, offset, length, out, 0);
            return out;
        } catch (IOException | RuntimeException e) {
            listener.onRejected(
                    Rejection.of(
                            1,
                            "bad_snappy",
                            "body is not snappy block format: " + e.getMessage(),
                            excerpt(input, offset, length)));
            return null;
        }
    }

    private void emit(Prompb.TimeSeries series, long index, ParseListener listener) {
        labels.clear();
        seenNames.clear();
        String name = null;
        for (int j = 0; j < series.getLabelsCount(); j++) {
            Prompb.Label label = series.getLabels(j);
            String ln = label.getName();
            if (!RemoteWriteLabels.isValidLabelName(ln)) {
                reject(
                        listener,
                        index,
                        "bad_label_name",
                        "label name '" + ln + "' is not a valid Prometheus label name",
                        series);
                return;
            }
            if (!seenNames.add(ln)) {
                reject(
                        listener,
                        index,
                        "duplicate_label",
                        "label '" + ln + "' appears twice",
                        series);
                return;
            }
            if (ln.equals(RemoteWriteLabels.METRIC_NAME)) {
                name = label.getValue();
            } else {
                labels.set(ln, label.getValue());
            }
        }
        if (name == null || name.isEmpty()) {
            reject(listener, index, "missing_metric_name", "series has no __name__ label", series);
            return;
        }
        if (!RemoteWriteLabels.isValidMetricName(name)) {
            reject(
                    listener,
                    index,
                    "bad_metric_name",
                    "metric name '" + name + "' is not a valid Prometheus metric name",
                    series);
            return;
        }
        Labels built = labels.build();
        for (int k = 0; k < series.getSamplesCount(); k++) {
            Prompb.Sample s = series.getSamples(k);
            listener.onSample(Sample.fromWire(name, built, s.getTimestamp(), s.getValue()));
        }
    }

    private static void reject(
            ParseListener listener, long index, String reason, String detail, Prompb.TimeSeries s) {
        listener.onRejected(Rejection.of(index, reason, detail, RemoteWriteLabels.describe(s)));
    }

    private static String excerpt(byte[] input, int offset, int length) {
        int n = Math.min(length, 16);
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", input[offset + i] & 0xff));
        }
        return length > n ? sb + "..." : sb.toString();
    }

    /** Configuration; {@link #build()} validates. */
    public static final class Builder {
        private int maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES;

        private Builder() {}

        /** The largest body accepted once snappy-decoded (guards against decompression bombs). */
        public Builder maxDecodedBytes(int bytes) {
            this.maxDecodedBytes = bytes;
            return this;
        }

        public RemoteWriteRequestParser build() {
            if (maxDecodedBytes < 1) {
                throw new IllegalArgumentException(
                        "maxDecodedBytes must be >= 1, got " + maxDecodedBytes);
            }
            try {
                // snappy-java unpacks a native library on first use; a machine where that fails
                // (noexec tmpdir) should fail here, at startup, not reject every body later.
                Snappy.maxCompressedLength(1);
            } catch (LinkageError e) {
                throw new IllegalStateException(
                        "snappy-java cannot load its native library (see"
                                + " org.xerial.snappy.tempdir): "
                                + e,
                        e);
            }
            return new RemoteWriteRequestParser(this);
        }
    }
}
