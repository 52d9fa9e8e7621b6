package io.condenser.connectors.direct;

import io.condenser.connectors.lineprotocol.LineProtocolParser;
import io.condenser.connectors.lineprotocol.Precision;
import io.condenser.connectors.parse.SampleParser;

/** The production line-protocol parser; the simple test parser for the other protocols. */
final class LineProtocolTestParsers implements DirectParsers {

    private final SimpleTestParsers others = new SimpleTestParsers();

    @Override
    public SampleParser lineProtocol(String precision) {
        return LineProtocolParser.builder().precision(Precision.fromQueryParam(precision)).build();
    }

    @Override
    public SampleParser graphite() {
        return others.graphite();
    }

    @Override
    public SampleParser remoteWrite() {
        return others.remoteWrite();
    }
}
