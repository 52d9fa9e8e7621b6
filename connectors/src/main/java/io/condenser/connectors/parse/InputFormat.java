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
    INFLUX("influx", Framing.QUOTED_LINES) {
        @Override
        public SampleParser newParser(ParserOptions o) {
            return LineProtocolParser.create(Precision.fromQueryParam(o.precision()), o.clockMs());
        }
    },
    GRAPHITE("graphite", Framing.LINES) {
        @Override
        public SampleParser newParser(ParserOptions o) {
            return GraphiteParser.builder().templates(o.templates()).clock(o.clockMs()).build();
        }
    },
    REMOTE_WRITE("remote-write", Framing.WHOLE_INPUT) {
        @Override
        public SampleParser newParser(ParserOptions o) {
            return RemoteWriteRequestParser.builder().build();
        }
    };

    /** How a stream of this format is cut into units a parser takes. */
    public enum Framing {
        /** one sample source per line ({@link LineFramer}) */
        LINES,
        /** lines, but a newline inside a quoted string does not end one (Influx) */
        QUOTED_LINES,
        /** the whole input is one unit (a remote-write body) */
        WHOLE_INPUT
    }

    private final String id;
    private final Framing framing;

    InputFormat(String id, Framing framing) {
        this.id = id;
        this.framing = framing;
    }

    /** How a stream of this format is cut for its parser (see {@link StreamParsing}). */
    public Framing framing() {
        return framing;
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
