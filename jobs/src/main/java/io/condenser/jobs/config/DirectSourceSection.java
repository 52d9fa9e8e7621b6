package io.condenser.jobs.config;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The {@code source.direct} keys of the job configuration. It is the one configuration path of the
 * direct source: its defaults are the connector's {@code DirectSourceConfig.DEFAULT_*}, and {@link
 * #connectorConfig()} builds the connector's configuration from it, so the connector's own
 * validation applies (its message prefixed with {@code source.direct}). Named {@code *Section} so
 * it does not clash with the connector's {@link DirectSourceConfig}.
 *
 * @param lineProtocolPort 0 = the protocol is off (likewise the other ports)
 * @param maxBodySize bytes of an HTTP body, before and after gunzip
 * @param maxBufferedBodySize bytes of HTTP bodies held at once per TaskManager
 * @param connectionIdleTimeout a TCP connection, or HTTP between requests, quiet this long closes
 */
public record DirectSourceSection(
        String bindAddress,
        int lineProtocolPort,
        int httpPort,
        int graphitePort,
        AckMode ack,
        Duration ackTimeout,
        int queueCapacity,
        int maxLineLength,
        int maxBodySize,
        long maxBufferedBodySize,
        int maxConnections,
        int httpThreads,
        Duration connectionIdleTimeout,
        Duration readHeaderTimeout,
        Duration readBodyTimeout,
        Duration maxFuture,
        Duration retryAfter,
        Auth auth,
        Tls tls,
        List<String> graphiteTemplates)
        implements Serializable {

    public static final String DEFAULT_BIND_ADDRESS = DirectSourceConfig.DEFAULT_BIND_ADDRESS;
    public static final int DEFAULT_LINE_PROTOCOL_PORT =
            DirectSourceConfig.DEFAULT_LINE_PROTOCOL_PORT;
    public static final int DEFAULT_HTTP_PORT = DirectSourceConfig.DEFAULT_HTTP_PORT;
    public static final int DEFAULT_GRAPHITE_PORT = DirectSourceConfig.DEFAULT_GRAPHITE_PORT;
    public static final AckMode DEFAULT_ACK = DirectSourceConfig.DEFAULT_ACK;

    /**
     * {@code source.direct.auth}: HTTP writes need a bearer token or basic auth; every field null =
     * no authentication. Secrets are files (read on the TaskManagers), never values.
     */
    public record Auth(
            String bearerTokenFile, String basicAuthUsername, String basicAuthPasswordFile)
            implements Serializable {
        public static final Auth NONE = new Auth(null, null, null);

        @Override
        public String toString() {
            return bearerTokenFile != null
                    ? "bearer-token-file " + bearerTokenFile
                    : basicAuthUsername != null ? "basic-auth " + basicAuthUsername : "none";
        }
    }

    /** {@code source.direct.tls}: PEM certificate chain and key; both null = plaintext. */
    public record Tls(String certFile, String keyFile) implements Serializable {
        public static final Tls NONE = new Tls(null, null);

        boolean enabled() {
            return certFile != null || keyFile != null;
        }

        @Override
        public String toString() {
            return enabled() ? certFile + " " + keyFile : "none";
        }
    }

    public DirectSourceSection {
        graphiteTemplates = List.copyOf(graphiteTemplates);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The connector's configuration.
     *
     * @throws IllegalArgumentException from the connector's validation
     */
    public DirectSourceConfig connectorConfig() {
        DirectSourceConfig.Builder b =
                DirectSourceConfig.builder()
                        .bindAddress(bindAddress)
                        .ack(ack)
                        .ackTimeout(ackTimeout)
                        .queueCapacity(queueCapacity)
                        .maxLineLength(maxLineLength)
                        .maxBodyBytes(maxBodySize)
                        .maxBufferedBytes(maxBufferedBodySize)
                        .maxConnections(maxConnections)
                        .httpThreads(httpThreads)
                        .idleTimeout(connectionIdleTimeout)
                        .readHeaderTimeout(readHeaderTimeout)
                        .readBodyTimeout(readBodyTimeout)
                        .maxFuture(maxFuture)
                        .retryAfter(retryAfter)
                        .graphiteTemplates(graphiteTemplates);
        port(b, Protocol.TCP_LINE_PROTOCOL, lineProtocolPort);
        port(b, Protocol.HTTP, httpPort);
        port(b, Protocol.TCP_GRAPHITE, graphitePort);
        if (auth.bearerTokenFile() != null) {
            b.bearerTokenFile(auth.bearerTokenFile());
        }
        if (auth.basicAuthUsername() != null || auth.basicAuthPasswordFile() != null) {
            b.basicAuth(auth.basicAuthUsername(), auth.basicAuthPasswordFile());
        }
        if (tls.enabled()) {
            b.tls(new DirectSourceConfig.TlsConfig(tls.certFile(), tls.keyFile()));
        }
        return b.build();
    }

    private static void port(DirectSourceConfig.Builder b, Protocol p, int port) {
        if (port == 0) {
            b.disable(p);
        } else {
            b.port(p, port);
        }
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.lineProtocolPort = lineProtocolPort;
        b.httpPort = httpPort;
        b.graphitePort = graphitePort;
        b.ack = ack;
        b.ackTimeout = ackTimeout;
        b.queueCapacity = queueCapacity;
        b.maxLineLength = maxLineLength;
        b.maxBodySize = maxBodySize;
        b.maxBufferedBodySize = maxBufferedBodySize;
        b.maxConnections = maxConnections;
        b.httpThreads = httpThreads;
        b.connectionIdleTimeout = connectionIdleTimeout;
        b.readHeaderTimeout = readHeaderTimeout;
        b.readBodyTimeout = readBodyTimeout;
        b.maxFuture = maxFuture;
        b.retryAfter = retryAfter;
        b.bearerTokenFile = auth.bearerTokenFile();
        b.basicAuthUsername = auth.basicAuthUsername();
        b.basicAuthPasswordFile = auth.basicAuthPasswordFile();
        b.tlsCertFile = tls.certFile();
        b.tlsKeyFile = tls.keyFile();
        b.graphiteTemplates = graphiteTemplates;
        return b;
    }

    @Override
    public String toString() {
        return bindAddress
                + " lp="
                + lineProtocolPort
                + " http="
                + httpPort
                + " graphite="
                + graphitePort
                + " ack="
                + ack.configName()
                + " ack-timeout="
                + ackTimeout
                + " queue="
                + queueCapacity
                + " max-line="
                + maxLineLength
                + " max-body="
                + maxBodySize
                + " max-buffered="
                + maxBufferedBodySize
                + " max-connections="
                + maxConnections
                + " http-threads="
                + httpThreads
                + " idle="
                + connectionIdleTimeout
                + " read-header="
                + readHeaderTimeout
                + " read-body="
                + readBodyTimeout
                + " max-future="
                + maxFuture
                + " retry-after="
                + retryAfter
                + " auth="
                + auth
                + " tls="
                + tls
                + " graphite-templates="
                + graphiteTemplates;
    }

    /** Setters named after the YAML keys. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int lineProtocolPort = DEFAULT_LINE_PROTOCOL_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int graphitePort = DEFAULT_GRAPHITE_PORT;
        private AckMode ack = DEFAULT_ACK;
        private Duration ackTimeout = DirectSourceConfig.DEFAULT_ACK_TIMEOUT;
        private int queueCapacity = DirectSourceConfig.DEFAULT_QUEUE_CAPACITY;
        private int maxLineLength = DirectSourceConfig.DEFAULT_MAX_LINE_LENGTH;
        private int maxBodySize = DirectSourceConfig.DEFAULT_MAX_BODY_BYTES;
        private long maxBufferedBodySize = DirectSourceConfig.DEFAULT_MAX_BUFFERED_BYTES;
        private int maxConnections = DirectSourceConfig.DEFAULT_MAX_CONNECTIONS;
        private int httpThreads = DirectSourceConfig.DEFAULT_HTTP_THREADS;
        private Duration connectionIdleTimeout = DirectSourceConfig.DEFAULT_IDLE_TIMEOUT;
        private Duration readHeaderTimeout = DirectSourceConfig.DEFAULT_READ_HEADER_TIMEOUT;
        private Duration readBodyTimeout = DirectSourceConfig.DEFAULT_READ_BODY_TIMEOUT;
        private Duration maxFuture = DirectSourceConfig.DEFAULT_MAX_FUTURE;
        private Duration retryAfter = DirectSourceConfig.DEFAULT_RETRY_AFTER;
        private String bearerTokenFile;
        private String basicAuthUsername;
        private String basicAuthPasswordFile;
        private String tlsCertFile;
        private String tlsKeyFile;
        private List<String> graphiteTemplates = List.of();

        private Builder() {}

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder lineProtocolPort(int v) {
            lineProtocolPort = v;
            return this;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder graphitePort(int v) {
            graphitePort = v;
            return this;
        }

        public Builder ack(AckMode v) {
            ack = v;
            return this;
        }

        public Builder ackTimeout(Duration v) {
            ackTimeout = v;
            return this;
        }

        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        public Builder maxLineLength(int v) {
            maxLineLength = v;
            return this;
        }

        public Builder maxBodySize(int v) {
            maxBodySize = v;
            return this;
        }

        public Builder maxBufferedBodySize(long v) {
            maxBufferedBodySize = v;
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        public Builder httpThreads(int v) {
            httpThreads = v;
            return this;
        }

        public Builder connectionIdleTimeout(Duration v) {
            connectionIdleTimeout = v;
            return this;
        }

        public Builder readHeaderTimeout(Duration v) {
            readHeaderTimeout = v;
            return this;
        }

        public Builder readBodyTimeout(Duration v) {
            readBodyTimeout = v;
            return this;
        }

        public Builder maxFuture(Duration v) {
            maxFuture = v;
            return this;
        }

        public Builder retryAfter(Duration v) {
            retryAfter = v;
            return this;
        }

        /** {@code auth.bearer-token-file} */
        public Builder bearerTokenFile(String v) {
            bearerTokenFile = v;
            return this;
        }

        /** {@code auth.basic-auth.username} */
        public Builder basicAuthUsername(String v) {
            basicAuthUsername = v;
            return this;
        }

        /** {@code auth.basic-auth.password-file} */
        public Builder basicAuthPasswordFile(String v) {
            basicAuthPasswordFile = v;
            return this;
        }

        /** {@code tls.cert-file} */
        public Builder tlsCertFile(String v) {
            tlsCertFile = v;
            return this;
        }

        /** {@code tls.key-file} */
        public Builder tlsKeyFile(String v) {
            tlsKeyFile = v;
            return this;
        }

        /** {@code graphite.templates} */
        public Builder graphiteTemplates(List<String> v) {
            graphiteTemplates = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        /**
         * @param inUse whether source.type is direct; an unused section is kept as it is, unchecked
         * @throws IllegalArgumentException naming the key and the value
         */
        public DirectSourceSection build(boolean inUse) {
            DirectSourceSection section =
                    new DirectSourceSection(
                            bindAddress,
                            lineProtocolPort,
                            httpPort,
                            graphitePort,
                            ack,
                            ackTimeout,
                            queueCapacity,
                            maxLineLength,
                            maxBodySize,
                            maxBufferedBodySize,
                            maxConnections,
                            httpThreads,
                            connectionIdleTimeout,
                            readHeaderTimeout,
                            readBodyTimeout,
                            maxFuture,
                            retryAfter,
                            bearerTokenFile == null
                                            && basicAuthUsername == null
                                            && basicAuthPasswordFile == null
                                    ? Auth.NONE
                                    : new Auth(
                                            bearerTokenFile,
                                            basicAuthUsername,
                                            basicAuthPasswordFile),
                            tlsCertFile == null && tlsKeyFile == null
                                    ? Tls.NONE
                                    : new Tls(tlsCertFile, tlsKeyFile),
                            graphiteTemplates);
            if (!inUse) {
                return section;
            }
            JobConfig.require(
                    bindAddress != null && !bindAddress.isBlank(),
                    "source.direct.bind-address must not be empty, got '" + bindAddress + "'");
            port("source.direct.line-protocol-port", lineProtocolPort);
            port("source.direct.http-port", httpPort);
            port("source.direct.graphite-port", graphitePort);
            JobConfig.require(
                    lineProtocolPort + httpPort + graphitePort > 0,
                    "source.direct: at least one port must be > 0, got all 0");
            JobConfig.require(ack != null, "source.direct.ack must be on-receive or on-checkpoint");
            JobConfig.require(
                    (tlsCertFile == null) == (tlsKeyFile == null),
                    "source.direct.tls needs both cert-file and key-file, got cert-file "
                            + tlsCertFile
                            + " and key-file "
                            + tlsKeyFile);
            JobConfig.require(
                    basicAuthUsername != null || basicAuthPasswordFile == null,
                    "source.direct.auth.basic-auth needs a username beside password-file");
            JobConfig.require(
                    basicAuthUsername == null || basicAuthPasswordFile != null,
                    "source.direct.auth.basic-auth needs a password-file beside username '"
                            + basicAuthUsername
                            + "'");
            try {
                section.connectorConfig();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("source.direct: " + e.getMessage(), e);
            }
            return section;
        }

        private static void port(String key, int port) {
            JobConfig.require(
                    port >= 0 && port <= 65535,
                    key + " must be in 0..65535 (0 = off), got " + port);
        }
    }
}
