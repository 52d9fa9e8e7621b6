package io.condenser.connectors.direct;

import io.condenser.connectors.graphite.GraphiteParser;
import io.condenser.connectors.lineprotocol.LineProtocolParser;
import io.condenser.connectors.lineprotocol.Precision;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.remotewrite.RemoteWriteRequestParser;
import java.util.List;

/**
 * The production parsers: Influx line protocol, Graphite plaintext (with optional templates) and
 * Prometheus remote-write 1.0.
 */
public final class DefaultDirectParsers implements DirectParsers {

    private static final long serialVersionUID = 1L;

    private final List<String> graphiteTemplates;
    private final int maxLineBytes;
    private final int maxDecodedBytes;

    /** No Graphite templates, the default line and body limits. */
    public DefaultDirectParsers() {
        this(
                List.of(),
                DirectSourceConfig.DEFAULT_MAX_LINE_LENGTH,
                DirectSourceConfig.DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param graphiteTemplates Graphite templates (Telegraf's syntax), applied in order
     * @param maxLineBytes longest line the line-protocol parser accepts
     * @param maxDecodedBytes largest remote-write request after snappy decompression
     */
    public DefaultDirectParsers(
            List<String> graphiteTemplates, int maxLineBytes, int maxDecodedBytes) {
        this.graphiteTemplates = List.copyOf(graphiteTemplates);
        this.maxLineBytes = maxLineBytes;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** Parsers whose limits and Graphite templates follow the source's configuration. */
    public static DefaultDirectParsers forConfig(DirectSourceConfig config) {
        return new DefaultDirectParsers(
                config.graphiteTemplates(), config.maxLineLength(), config.maxBodyBytes());
    }

    @Override
    public SampleParser lineProtocol(String precision) {
        return LineProtocolParser.builder()
                .precision(Precision.fromQueryParam(precision))
                .maxLineBytes(maxLineBytes)
                .build();
    }

    @Override
    public SampleParser graphite() {
        return GraphiteParser.builder().templates(graphiteTemplates).build();
    }

    @Override
    public SampleParser remoteWrite() {
        return RemoteWriteRequestParser.builder().maxDecodedBytes(maxDecodedBytes).build();
    }
}
