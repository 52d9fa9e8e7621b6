package io.condenser.connectors.direct;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;

/**
 * A test-only stand-in for the real parsers: {@code name value timestamp} per line, every protocol,
 * or the simplest line protocol ({@code measurement[,tags] field=value[,...] ts}, no escapes) which
 * becomes {@code measurement_field}. Simple lines carry milliseconds (seconds with precision {@code
 * s}); line protocol follows the precision, nanoseconds when absent as in Influx. Other precisions
 * are refused as the real parser would. Bad lines: {@code bad_line}.
 */
public final class SimpleTestParsers implements DirectParsers {

    @Override
    public SampleParser lineProtocol(String precision) {
        if (precision == null || precision.isEmpty()) {
            return new Parser(1, -1_000_000);
        }
        return switch (precision) {
            case "ms" -> new Parser(1, 1);
            case "n", "ns" -> new Parser(1, -1_000_000);
            case "s" -> new Parser(1000, 1000);
            default -> throw new IllegalArgumentException("unknown precision '" + precision + "'");
        };
    }

    @Override
    public SampleParser graphite() {
        return new Parser(1, 1);
    }

    @Override
    public SampleParser remoteWrite() {
        return new Parser(1, 1);
    }

    /** The line for a sample this parser reads back. */
    public static String line(String name, double value, long timestampMs) {
        return name + " " + value + " " + timestampMs + "\n";
    }

    private static final class Parser implements SampleParser {
        private final long simpleScale;
        private final long lineProtocolScale;

        /** A negative scale divides. */
        Parser(long simpleScale, long lineProtocolScale) {
            this.simpleScale = simpleScale;
            this.lineProtocolScale = lineProtocolScale;
        }

        @Override
        public void parse(byte[] input, int offset, int length, ParseListener listener) {
            String text = new String(input, offset, length, StandardCharsets.UTF_8);
            long lineNumber = 0;
            for (String line : text.split("\n")) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                try {
                    if (parts.length != 3) {
                        throw new NumberFormatException("need 3 fields");
                    }
                    long ts = Long.parseLong(parts[2]);
                    boolean lineProtocol = parts[1].contains("=");
                    long scale = lineProtocol ? lineProtocolScale : simpleScale;
                    ts = scale < 0 ? ts / -scale : ts * scale;
                    if (!lineProtocol) {
                        listener.onSample(
                                Sample.of(
                                        parts[0], Labels.EMPTY, ts, Double.parseDouble(parts[1])));
                        continue;
                    }
                    String[] series = parts[0].split(",");
                    Labels.Builder labels = Labels.builder();
                    for (int i = 1; i < series.length; i++) {
                        String[] kv = series[i].split("=", 2);
                        labels.set(kv[0], kv[1]);
                    }
                    Labels built = labels.build();
                    for (String field : parts[1].split(",")) {
                        String[] kv = field.split("=", 2);
                        String v =
                                kv[1].endsWith("i")
                                        ? kv[1].substring(0, kv[1].length() - 1)
                                        : kv[1];
                        listener.onSample(
                                Sample.of(
                                        series[0] + "_" + kv[0], built, ts, Double.parseDouble(v)));
                    }
                } catch (NumberFormatException e) {
                    listener.onRejected(Rejection.of(lineNumber, "bad_line", e.getMessage(), line));
                }
            }
        }
    }
}
