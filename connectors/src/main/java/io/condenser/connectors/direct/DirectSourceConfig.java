package io.condenser.connectors.direct;

import io.condenser.connectors.graphite.GraphiteTemplates;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the direct source needs to know, immutable and validated in {@link Builder#build()}.
 * Ports are per protocol; a protocol without a port is switched off.
 */
public final class DirectSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_LINE_PROTOCOL_PORT = 8094;
    public static final int DEFAULT_HTTP_PORT = 8086;
    public static final int DEFAULT_GRAPHITE_PORT = 2003;
    public static final AckMode DEFAULT_ACK = AckMode.ON_RECEIVE;

    /** Longer than Telegraf's 5 s timeout would only make it give up first and retry. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_HTTP_THREADS = 8;

    /** HTTP bodies being received or parsed at once, per TaskManager: four of the largest. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 4L * DEFAULT_MAX_BODY_BYTES;

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Telegraf and Prometheus send a request's headers at once; more time is a stalled client. */
    public static final Duration DEFAULT_READ_HEADER_TIMEOUT = Duration.ofSeconds(10);

    /** The whole body; Prometheus' remote_timeout is 30 s, Telegraf's timeout 5 s. */
    public static final Duration DEFAULT_READ_BODY_TIMEOUT = Duration.ofSeconds(30);

    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final String bindAddress;
    private final EnumMap<Protocol, Integer> ports;
    private final AckMode ack;
    private final Duration ackTimeout;
    private final int queueCapacity;
    private final int maxLineLength;
    private final int maxBodyBytes;
    private final int maxConnections;
    private final int httpThreads;
    private final long maxBufferedBytes;
    private final Duration idleTimeout;
    private final Duration readHeaderTimeout;
    private final Duration readBodyTimeout;
    private final Duration maxFuture;
    private final Duration outOfOrderness;
    private final Duration idleness;
    private final Duration retryAfter;
    private final TlsConfig tls;
    private final String bearerTokenFile;
    private final String basicUser;
    private final String basicPasswordFile;
    private final List<String> graphiteTemplates;

    private DirectSourceConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.ports = new EnumMap<>(b.ports);
        this.ack = b.ack;
        this.ackTimeout = b.ackTimeout;
        this.queueCapacity = b.queueCapacity;
        this.maxLineLength = b.maxLineLength;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxConnections = b.maxConnections;
        this.httpThreads = b.httpThreads;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.idleTimeout = b.idleTimeout;
        this.readHeaderTimeout = b.readHeaderTimeout;
        this.readBodyTimeout = b.readBodyTimeout;
        this.maxFuture = b.maxFuture;
        this.outOfOrderness = b.outOfOrderness;
        this.idleness = b.idleness;
        this.retryAfter = b.retryAfter;
        this.tls = b.tls;
        this.bearerTokenFile = b.bearerTokenFile;
        this.basicUser = b.basicUser;
        this.basicPasswordFile = b.basicPasswordFile;
        this.graphiteTemplates = List.copyOf(b.graphiteTemplates);
    }

    /** A builder with every default: all three protocols on their usual ports. */
    public static Builder builder() {
        return new Builder();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public boolean enabled(Protocol protocol) {
        return ports.containsKey(protocol);
    }

    /** The port of an enabled protocol. */
    public int port(Protocol protocol) {
        Integer p = ports.get(protocol);
        if (p == null) {
            throw new IllegalStateException(protocol.id() + " is disabled");
        }
        return p;
    }

    public Map<Protocol, Integer> ports() {
        return java.util.Collections.unmodifiableMap(ports);
    }

    public AckMode ack() {
        return ack;
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int httpThreads() {
        return httpThreads;
    }

    /** HTTP bodies (received, not yet parsed) held at once per listener, in bytes. */
    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    /** A connection (TCP, or HTTP between requests) quiet for this long is closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** From a request's first byte to the end of its headers; then 408 and close. */
    public Duration readHeaderTimeout() {
        return readHeaderTimeout;
    }

    /** From the end of a request's headers to the end of its body; then 408 and close. */
    public Duration readBodyTimeout() {
        return readBodyTimeout;
    }

    public Duration maxFuture() {
        return maxFuture;
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** TLS for every listener, or null for plaintext. */
    public TlsConfig tls() {
        return tls;
    }

    /** A file holding the token HTTP writes must present, or null. Read on the TaskManager. */
    public String bearerTokenFile() {
        return bearerTokenFile;
    }

    public String basicUser() {
        return basicUser;
    }

    /** A file holding the basic-auth password, or null. Read on the TaskManager. */
    public String basicPasswordFile() {
        return basicPasswordFile;
    }

    public boolean authRequired() {
        return bearerTokenFile != null || basicUser != null;
    }

    /** Graphite templates (Telegraf's syntax), applied by the Graphite parser. */
    public List<String> graphiteTemplates() {
        return graphiteTemplates;
    }

    /**
     * The server's certificate chain and private key, PEM files (the key unencrypted PKCS#8, as
     * {@code openssl genpkey} or {@code openssl req -newkey ... -noenc} write it). Read on the
     * TaskManager when a listener starts, so a Kubernetes secret mounted there is enough.
     */
    public record TlsConfig(String certFile, String keyFile) implements Serializable {
        public TlsConfig {
            if (certFile == null || certFile.isBlank()) {
                throw new IllegalArgumentException("tls cert file must be set, got " + certFile);
            }
            if (keyFile == null || keyFile.isBlank()) {
                throw new IllegalArgumentException("tls key file must be set, got " + keyFile);
            }
        }
    }

    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private final EnumMap<Protocol, Integer> ports = new EnumMap<>(Protocol.class);
        private AckMode ack = DEFAULT_ACK;
        private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int httpThreads = DEFAULT_HTTP_THREADS;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration readHeaderTimeout = DEFAULT_READ_HEADER_TIMEOUT;
        private Duration readBodyTimeout = DEFAULT_READ_BODY_TIMEOUT;
        private Duration maxFuture = DEFAULT_MAX_FUTURE;
        private Duration outOfOrderness = DEFAULT_OUT_OF_ORDERNESS;
        private Duration idleness = DEFAULT_IDLENESS;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private TlsConfig tls;
        private String bearerTokenFile;
        private String basicUser;
        private String basicPasswordFile;
        private List<String> graphiteTemplates = List.of();

        private Builder() {
            ports.put(Protocol.TCP_LINE_PROTOCOL, DEFAULT_LINE_PROTOCOL_PORT);
            ports.put(Protocol.HTTP, DEFAULT_HTTP_PORT);
            ports.put(Protocol.TCP_GRAPHITE, DEFAULT_GRAPHITE_PORT);
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** Serves a protocol on a port (1..65535). */
        public Builder port(Protocol protocol, int port) {
            ports.put(protocol, port);
            return this;
        }

        public Builder disable(Protocol protocol) {
            ports.remove(protocol);
            return this;
        }

        public Builder ack(AckMode ack) {
            this.ack = ack;
            return this;
        }

        /** How long an on-checkpoint response is held before answering 503 (client retries). */
        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        /** Samples buffered between the network threads and the Flink task, per subtask. */
        public Builder queueCapacity(int samples) {
            this.queueCapacity = samples;
            return this;
        }

        public Builder maxLineLength(int bytes) {
            this.maxLineLength = bytes;
            return this;
        }

        /** Largest HTTP body, compressed and decompressed; more is answered 413. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Open connections per listener (per TaskManager): more TCP connections are closed at once,
         * more HTTP connections get 503 with Retry-After on their first request.
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Threads decompressing and parsing HTTP bodies per TaskManager. Reading the network is not
         * theirs (an event loop does it), so a slow client holds none of them.
         */
        public Builder httpThreads(int httpThreads) {
            this.httpThreads = httpThreads;
            return this;
        }

        /**
         * HTTP bodies held at once (being received or waiting for a parser thread) per listener; a
         * request that does not fit is answered 503 with Retry-After. At least {@code
         * maxBodyBytes}.
         */
        public Builder maxBufferedBytes(long bytes) {
            this.maxBufferedBytes = bytes;
            return this;
        }

        /** A connection that sends nothing for this long (TCP, or HTTP between requests) closes. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Time from a request's first byte to the end of its headers; then 408 and close. */
        public Builder readHeaderTimeout(Duration timeout) {
            this.readHeaderTimeout = timeout;
            return this;
        }

        /** Time from the end of a request's headers to the end of its body; then 408 and close. */
        public Builder readBodyTimeout(Duration timeout) {
            this.readBodyTimeout = timeout;
            return this;
        }

        /** Samples stamped further ahead of the local clock are dropped and counted. */
        public Builder maxFuture(Duration maxFuture) {
            this.maxFuture = maxFuture;
            return this;
        }

        public Builder outOfOrderness(Duration outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            return this;
        }

        /** A split (listener) quiet for this long stops holding the watermark back. */
        public Builder idleness(Duration idleness) {
            this.idleness = idleness;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Requires {@code Authorization: Bearer <token>} (or Influx v2 {@code Token <token>}) on
         * HTTP writes, the token being the file's contents (trimmed), re-read when the file
         * changes.
         */
        public Builder bearerTokenFile(String path) {
            this.bearerTokenFile = path;
            return this;
        }

        /**
         * Requires HTTP basic auth (Influx v1 {@code u}/{@code p} query parameters also work); the
         * password is the file's contents (trimmed), re-read when the file changes.
         */
        public Builder basicAuth(String user, String passwordFile) {
            this.basicUser = user;
            this.basicPasswordFile = passwordFile;
            return this;
        }

        /** Graphite templates (Telegraf's syntax, e.g. {@code "collectd.* .host.measurement*"}). */
        public Builder graphiteTemplates(List<String> templates) {
            this.graphiteTemplates = List.copyOf(templates);
            return this;
        }

        public DirectSourceConfig build() {
            if (bindAddress == null || bindAddress.isBlank()) {
                throw new IllegalArgumentException("bind address must not be empty");
            }
            if (ports.isEmpty()) {
                throw new IllegalArgumentException("at least one protocol must be enabled");
            }
            ports.forEach(
                    (p, port) -> {
                        if (port < 1 || port > 65535) {
                            throw new IllegalArgumentException(
                                    p.id() + " port must be in 1..65535, got " + port);
                        }
                    });
            if (ports.values().stream().distinct().count() != ports.size()) {
                throw new IllegalArgumentException("protocols need distinct ports, got " + ports);
            }
            Objects.requireNonNull(ack, "ack");
            positive("ack timeout", ackTimeout);
            positive("queue capacity", queueCapacity);
            atLeast("max line length", maxLineLength, 64);
            atLeast("max body bytes", maxBodyBytes, 1024);
            positive("max connections", maxConnections);
            positive("http threads", httpThreads);
            if (maxBufferedBytes < maxBodyBytes) {
                throw new IllegalArgumentException(
                        "max buffered bytes must be >= max body bytes ("
                                + maxBodyBytes
                                + "), got "
                                + maxBufferedBytes);
            }
            positive("idle timeout", idleTimeout);
            positive("read header timeout", readHeaderTimeout);
            positive("read body timeout", readBodyTimeout);
            positive("max future", maxFuture);
            notNegative("out of orderness", outOfOrderness);
            positive("idleness", idleness);
            positive("retry after", retryAfter);
            if (bearerTokenFile != null && bearerTokenFile.isBlank()) {
                throw new IllegalArgumentException("bearer token file must not be empty");
            }
            if (bearerTokenFile != null && basicUser != null) {
                throw new IllegalArgumentException(
                        "choose a bearer token file or basic auth, not both");
            }
            if (basicUser != null
                    && (basicUser.isEmpty()
                            || basicPasswordFile == null
                            || basicPasswordFile.isBlank())) {
                throw new IllegalArgumentException(
                        "basic auth needs a username and a password file, got username '"
                                + basicUser
                                + "' and password file "
                                + basicPasswordFile);
            }
            // fails here, on the client, rather than on every TaskManager
            GraphiteTemplates.of(graphiteTemplates);
            return new DirectSourceConfig(this);
        }

        private static void positive(String what, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be > 0, got " + v);
            }
        }

        private static void atLeast(String what, int v, int min) {
            if (v < min) {
                throw new IllegalArgumentException(what + " must be >= " + min + ", got " + v);
            }
        }

        private static void positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0, got " + d);
            }
        }

        private static void notNegative(String what, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + d);
            }
        }
    }
}
