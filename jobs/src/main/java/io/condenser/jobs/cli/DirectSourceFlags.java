package io.condenser.jobs.cli;

import io.condenser.jobs.config.DirectSourceSection;
import io.condenser.jobs.config.Sizes;
import io.condenser.rules.parse.DurationParser;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Flags for the {@code source.direct} keys beyond ports and ack (which {@link JobConfigOptions}
 * keeps): limits, time-outs, credentials files, TLS files, Graphite templates. Each flag sets the
 * key its description names; secrets are file paths, never values.
 */
public final class DirectSourceFlags {

    @Option(
            names = "--ack-timeout",
            paramLabel = "DURATION",
            description = "source.direct.ack-timeout")
    String ackTimeout;

    @Option(
            names = "--queue-capacity",
            paramLabel = "SAMPLES",
            description = "source.direct.queue-capacity")
    Integer queueCapacity;

    @Option(
            names = "--max-line-length",
            paramLabel = "SIZE",
            description = "source.direct.max-line-length")
    String maxLineLength;

    @Option(
            names = "--max-body-size",
            paramLabel = "SIZE",
            description = "source.direct.max-body-size (413 beyond)")
    String maxBodySize;

    @Option(
            names = "--max-buffered-body-size",
            paramLabel = "SIZE",
            description = "source.direct.max-buffered-body-size (503 beyond)")
    String maxBufferedBodySize;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "source.direct.max-connections")
    Integer maxConnections;

    @Option(names = "--http-threads", paramLabel = "N", description = "source.direct.http-threads")
    Integer httpThreads;

    @Option(
            names = "--connection-idle-timeout",
            paramLabel = "DURATION",
            description = "source.direct.connection-idle-timeout")
    String connectionIdleTimeout;

    @Option(
            names = "--read-header-timeout",
            paramLabel = "DURATION",
            description = "source.direct.read-header-timeout (408 beyond)")
    String readHeaderTimeout;

    @Option(
            names = "--read-body-timeout",
            paramLabel = "DURATION",
            description = "source.direct.read-body-timeout (408 beyond)")
    String readBodyTimeout;

    @Option(
            names = "--max-future",
            paramLabel = "DURATION",
            description = "source.direct.max-future")
    String maxFuture;

    @Option(
            names = "--retry-after",
            paramLabel = "DURATION",
            description = "source.direct.retry-after")
    String retryAfter;

    @Option(
            names = "--bearer-token-file",
            paramLabel = "FILE",
            description = "source.direct.auth.bearer-token-file")
    String bearerTokenFile;

    @Option(
            names = "--basic-auth-username",
            paramLabel = "NAME",
            description = "source.direct.auth.basic-auth.username")
    String basicAuthUsername;

    @Option(
            names = "--basic-auth-password-file",
            paramLabel = "FILE",
            description = "source.direct.auth.basic-auth.password-file")
    String basicAuthPasswordFile;

    @Option(
            names = "--tls-cert-file",
            paramLabel = "FILE",
            description = "source.direct.tls.cert-file")
    String tlsCertFile;

    @Option(
            names = "--tls-key-file",
            paramLabel = "FILE",
            description = "source.direct.tls.key-file")
    String tlsKeyFile;

    @Option(
            names = "--graphite-template",
            paramLabel = "TEMPLATE",
            description = "source.direct.graphite.templates (repeat for several)")
    List<String> graphiteTemplates;

    void apply(DirectSourceSection.Builder d) {
        if (ackTimeout != null) {
            d.ackTimeout(duration("--ack-timeout", ackTimeout));
        }
        if (queueCapacity != null) {
            d.queueCapacity(queueCapacity);
        }
        if (maxLineLength != null) {
            d.maxLineLength(intSize("--max-line-length", maxLineLength));
        }
        if (maxBodySize != null) {
            d.maxBodySize(intSize("--max-body-size", maxBodySize));
        }
        if (maxBufferedBodySize != null) {
            d.maxBufferedBodySize(size("--max-buffered-body-size", maxBufferedBodySize));
        }
        if (maxConnections != null) {
            d.maxConnections(maxConnections);
        }
        if (httpThreads != null) {
            d.httpThreads(httpThreads);
        }
        if (connectionIdleTimeout != null) {
            d.connectionIdleTimeout(duration("--connection-idle-timeout", connectionIdleTimeout));
        }
        if (readHeaderTimeout != null) {
            d.readHeaderTimeout(duration("--read-header-timeout", readHeaderTimeout));
        }
        if (readBodyTimeout != null) {
            d.readBodyTimeout(duration("--read-body-timeout", readBodyTimeout));
        }
        if (maxFuture != null) {
            d.maxFuture(duration("--max-future", maxFuture));
        }
        if (retryAfter != null) {
            d.retryAfter(duration("--retry-after", retryAfter));
        }
        if (bearerTokenFile != null) {
            d.bearerTokenFile(bearerTokenFile);
        }
        if (basicAuthUsername != null) {
            d.basicAuthUsername(basicAuthUsername);
        }
        if (basicAuthPasswordFile != null) {
            d.basicAuthPasswordFile(basicAuthPasswordFile);
        }
        if (tlsCertFile != null) {
            d.tlsCertFile(tlsCertFile);
        }
        if (tlsKeyFile != null) {
            d.tlsKeyFile(tlsKeyFile);
        }
        if (graphiteTemplates != null) {
            d.graphiteTemplates(graphiteTemplates);
        }
    }

    static Duration duration(String flag, String value) {
        try {
            return DurationParser.parse(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    static long size(String flag, String value) {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    static int intSize(String flag, String value) {
        long n = size(flag, value);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " must be under 2gb, got " + value);
        }
        return (int) n;
    }
}
