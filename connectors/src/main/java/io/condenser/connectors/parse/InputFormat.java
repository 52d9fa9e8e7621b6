package io.condenser.connectors.parse;

import io.condenser.connectors.graphite.GraphiteParser;
import io.condenser.connectors.lineprotocol.LineProtocolParser;
import io.condenser.connectors.lineprotocol.Precision;
import io.condenser.connectors.remotewrite.RemoteWriteRequestParser;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one registry of ingestion formats: the name users type ({@code --format graphite}) and the
 * parser it makes. Adding a format is one constant here.
 */
public enum InputFormat {
    INFLUX("influx") {
        @Override
        public SampleParser newParser(ParserOptions o) {
            return LineProtocolParser.create(Precision.fromQueryParam(o.precision()), o.clockMs());
        }
    },
    GRAPHITE("graphite") {
        @Override
        public SampleParser newParser(ParserOptions o) {
            return GraphiteParser.builder().templates(o.templates()).clock(o.clockMs()).build();
        }
    },
    REMOTE_WRITE("remote-write") {
        @Override
        public SampleParser newParser(ParserOptions o) {
            return RemoteWriteRequestParser.builder().build();
        }
    };

    private final String id;

    InputFormat(String id) {
        this.id = id;
    }

    /** The stable name users type and configuration files carry. */
    public String id() {
        return id;
    }

    /**
     * A new parser for this format.
     *
     * @throws IllegalArgumentException when the options are invalid for this format
     */
    public abstract SampleParser newParser(ParserOptions options);

    /**
     * The format with this name.
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static InputFormat fromId(String id) {
        for (InputFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "', expected one of " + ids());
    }

    /** {@code graphite, remote-write, ...} for messages and help texts. */
    public static String ids() {
        return Arrays.stream(values()).map(InputFormat::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
