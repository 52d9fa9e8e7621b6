package io.condenser.connectors.direct;

import io.condenser.connectors.model.Labels;
import io.condenser.connectors.model.Sample;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import java.nio.charset.StandardCharsets;

/**
 * A test-only stand-in for the real parsers: {@code name value timestampMs} per line, every
 * protocol. Anything else is rejected as {@code bad_line}. Precision {@code s} multiplies the
 * timestamp by 1000, any other value but ms/ns/empty is refused as the real parser would.
 */
public final class SimpleTestParsers implements DirectParsers {

    @Override
    public SampleParser lineProtocol(String precision) {
        if (precision == null
                || precision.isEmpty()
                || precision.equals("ms")
                || precision.equals("ns")
                || precision.equals("n")) {
            return new Parser(1);
        }
        if (precision.equals("s")) {
            return new Parser(1000);
        }
        throw new IllegalArgumentException("unknown precision '" + precision + "'");
    }

    @Override
    public SampleParser graphite() {
        return new Parser(1);
    }

    @Override
    public SampleParser remoteWrite() {
        return new Parser(1);
    }

    /** The line for a sample this parser reads back. */
    public static String line(String name, double value, long timestampMs) {
        return name + " " + value + " " + timestampMs + "\n";
    }

    private static final class Parser implements SampleParser {
        private final long scale;

        Parser(long scale) {
            this.scale = scale;
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
                    listener.onSample(
                            Sample.of(
                                    parts[0],
                                    Labels.EMPTY,
                                    Long.parseLong(parts[2]) * scale,
                                    Double.parseDouble(parts[1])));
                } catch (NumberFormatException e) {
                    listener.onRejected(Rejection.of(lineNumber, "bad_line", e.getMessage(), line));
                }
            }
        }
    }
}
