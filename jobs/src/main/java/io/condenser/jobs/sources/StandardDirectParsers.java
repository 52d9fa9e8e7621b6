package io.condenser.jobs.sources;

import io.condenser.connectors.direct.DirectParsers;
import io.condenser.connectors.graphite.GraphiteParser;
import io.condenser.connectors.lineprotocol.LineProtocolParser;
import io.condenser.connectors.lineprotocol.Precision;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.remotewrite.RemoteWriteRequestParser;

/**
 * The production parsers behind the direct source: Influx line protocol at the request's precision,
 * Graphite plaintext without templates (the path is the name), remote-write 1.0.
 */
public final class StandardDirectParsers implements DirectParsers {

    private static final long serialVersionUID = 1L;

    @Override
    public SampleParser lineProtocol(String precision) {
        Precision p =
                precision == null || precision.isEmpty()
                        ? Precision.DEFAULT
                        : Precision.fromQueryParam(precision);
        return LineProtocolParser.builder().precision(p).build();
    }

    @Override
    public SampleParser graphite() {
        return GraphiteParser.builder().build();
    }

    @Override
    public SampleParser remoteWrite() {
        return RemoteWriteRequestParser.builder().build();
    }
}
