package io.condenser.jobs.config;

import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSink;
import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSinkBuilder;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code remote-write} keys of the job configuration: where results go and how. It is the one
 * configuration path of the remote-write sink: its defaults are the sink builder's {@code
 * DEFAULT_*} and {@link RetryPolicy}'s, and {@link #sinkBuilder()} presets the sink's builder from
 * it, so the sink's own validation applies. Credentials, headers and TLS apply to every url. Named
 * {@code *Section} so it does not clash with the connector's {@code RemoteWriteConfig}.
 *
 * @param urls empty: print exposition text to stdout instead of writing
 */
public record RemoteWriteSection(
        List<String> urls,
        DeliveryMode delivery,
        int maxBatchSamples,
        int maxBatchBytes,
        Duration maxBatchDelay,
        int maxQueuedBatches,
        int maxConcurrentRequests,
        Duration requestTimeout,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        double retryJitter,
        Duration retryMaxTime,
        boolean dropOnRetriesExhausted,
        Duration seriesTtl,
        Map<String, String> headers,
        String bearerTokenFile,
        String basicAuthUsername,
        String basicAuthPasswordFile,
        String tlsCaFile,
        String tlsCertFile,
        String tlsKeyFile,
        boolean tlsInsecureSkipVerify)
        implements Serializable {

    public static final DeliveryMode DEFAULT_DELIVERY =
            PrometheusRemoteWriteSinkBuilder.DEFAULT_DELIVERY;

    public RemoteWriteSection {
        urls = List.copyOf(urls);
        headers = Map.copyOf(headers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The sink's builder, preset with every key.
     *
     * @throws IllegalArgumentException from the sink's validation
     */
    public PrometheusRemoteWriteSinkBuilder sinkBuilder() {
        PrometheusRemoteWriteSinkBuilder b =
                PrometheusRemoteWriteSink.builder()
                        .delivery(delivery)
                        .maxBatchSamples(maxBatchSamples)
                        .maxBatchBytes(maxBatchBytes)
                        .maxBatchDelay(maxBatchDelay)
                        .maxQueuedBatches(maxQueuedBatches)
                        .maxConcurrentRequests(maxConcurrentRequests)
                        .requestTimeout(requestTimeout)
                        .retryPolicy(
                                new RetryPolicy(
                                        retryInitialBackoff,
                                        retryMaxBackoff,
                                        retryJitter,
                                        retryMaxTime))
                        .dropOnRetriesExhausted(dropOnRetriesExhausted)
                        .seriesTtl(seriesTtl);
        for (String url : urls) {
            b.endpoint(endpoint(url));
        }
        return b;
    }

    private EndpointConfig endpoint(String url) {
        EndpointConfig.Builder e = EndpointConfig.builder(url);
        new TreeMap<>(headers).forEach(e::header);
        if (bearerTokenFile != null) {
            e.bearerTokenFile(bearerTokenFile);
        }
        if (basicAuthUsername != null || basicAuthPasswordFile != null) {
            e.basicAuth(basicAuthUsername, basicAuthPasswordFile);
        }
        if (tlsCaFile != null) {
            e.caCertFile(tlsCaFile);
        }
        if (tlsCertFile != null || tlsKeyFile != null) {
            e.clientCertificate(tlsCertFile, tlsKeyFile);
        }
        return e.insecureSkipVerify(tlsInsecureSkipVerify).build();
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.urls = urls;
        b.delivery = delivery;
        b.maxBatchSamples = maxBatchSamples;
        b.maxBatchBytes = maxBatchBytes;
        b.maxBatchDelay = maxBatchDelay;
        b.maxQueuedBatches = maxQueuedBatches;
        b.maxConcurrentRequests = maxConcurrentRequests;
        b.requestTimeout = requestTimeout;
        b.retryInitialBackoff = retryInitialBackoff;
        b.retryMaxBackoff = retryMaxBackoff;
        b.retryJitter = retryJitter;
        b.retryMaxTime = retryMaxTime;
        b.dropOnRetriesExhausted = dropOnRetriesExhausted;
        b.seriesTtl = seriesTtl;
        b.headers = new TreeMap<>(headers);
        b.bearerTokenFile = bearerTokenFile;
        b.basicAuthUsername = basicAuthUsername;
        b.basicAuthPasswordFile = basicAuthPasswordFile;
        b.tlsCaFile = tlsCaFile;
        b.tlsCertFile = tlsCertFile;
        b.tlsKeyFile = tlsKeyFile;
        b.tlsInsecureSkipVerify = tlsInsecureSkipVerify;
        return b;
    }

    @Override
    public String toString() {
        if (urls.isEmpty()) {
            return "(print)";
        }
        return urls
                + " delivery="
                + delivery.configName()
                + " batch="
                + maxBatchSamples
                + "/"
                + maxBatchBytes
                + "/"
                + maxBatchDelay
                + " queued="
                + maxQueuedBatches
                + " concurrent="
                + maxConcurrentRequests
                + " timeout="
                + requestTimeout
                + " retry="
                + retryInitialBackoff
                + ".."
                + retryMaxBackoff
                + "~"
                + retryJitter
                + " for "
                + retryMaxTime
                + (dropOnRetriesExhausted ? " then drop" : " then fail")
                + " series-ttl="
                + seriesTtl
                + " headers="
                + new TreeMap<>(headers).keySet()
                + (bearerTokenFile != null ? " bearer-token-file=" + bearerTokenFile : "")
                + (basicAuthUsername != null ? " basic-auth=" + basicAuthUsername : "")
                + (tlsCaFile != null ? " tls.ca-file=" + tlsCaFile : "")
                + (tlsCertFile != null ? " tls.cert-file=" + tlsCertFile : "")
                + (tlsInsecureSkipVerify ? " tls.insecure-skip-verify" : "");
    }

    /** Setters named after the YAML keys. */
    public static final class Builder {
        private List<String> urls = List.of();
        private DeliveryMode delivery = DEFAULT_DELIVERY;
        private int maxBatchSamples = PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_SAMPLES;
        private int maxBatchBytes = PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_BYTES;
        private Duration maxBatchDelay = PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_DELAY;
        private int maxQueuedBatches = PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_QUEUED_BATCHES;
        private int maxConcurrentRequests =
                PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_CONCURRENT_REQUESTS;
        private Duration requestTimeout = PrometheusRemoteWriteSinkBuilder.DEFAULT_REQUEST_TIMEOUT;
        private Duration retryInitialBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF;
        private Duration retryMaxBackoff = RetryPolicy.DEFAULT_MAX_BACKOFF;
        private double retryJitter = RetryPolicy.DEFAULT_JITTER;
        private Duration retryMaxTime = RetryPolicy.DEFAULT_MAX_RETRY_TIME;
        private boolean dropOnRetriesExhausted;
        private Duration seriesTtl = PrometheusRemoteWriteSinkBuilder.DEFAULT_SERIES_TTL;
        private Map<String, String> headers = new TreeMap<>();
        private String bearerTokenFile;
        private String basicAuthUsername;
        private String basicAuthPasswordFile;
        private String tlsCaFile;
        private String tlsCertFile;
        private String tlsKeyFile;
        private boolean tlsInsecureSkipVerify;

        private Builder() {}

        public Builder urls(List<String> v) {
            urls = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        public Builder delivery(DeliveryMode v) {
            delivery = v;
            return this;
        }

        public Builder maxBatchSamples(int v) {
            maxBatchSamples = v;
            return this;
        }

        public Builder maxBatchBytes(int v) {
            maxBatchBytes = v;
            return this;
        }

        public Builder maxBatchDelay(Duration v) {
            maxBatchDelay = v;
            return this;
        }

        public Builder maxQueuedBatches(int v) {
            maxQueuedBatches = v;
            return this;
        }

        public Builder maxConcurrentRequests(int v) {
            maxConcurrentRequests = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        /** {@code retry.initial-backoff} */
        public Builder retryInitialBackoff(Duration v) {
            retryInitialBackoff = v;
            return this;
        }

        /** {@code retry.max-backoff} */
        public Builder retryMaxBackoff(Duration v) {
            retryMaxBackoff = v;
            return this;
        }

        /** {@code retry.jitter} */
        public Builder retryJitter(double v) {
            retryJitter = v;
            return this;
        }

        /** {@code retry.max-time} */
        public Builder retryMaxTime(Duration v) {
            retryMaxTime = v;
            return this;
        }

        public Builder dropOnRetriesExhausted(boolean v) {
            dropOnRetriesExhausted = v;
            return this;
        }

        public Builder seriesTtl(Duration v) {
            seriesTtl = v;
            return this;
        }

        /** Replaces the extra headers. */
        public Builder headers(Map<String, String> v) {
            headers = new TreeMap<>(v);
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder bearerTokenFile(String v) {
            bearerTokenFile = v;
            return this;
        }

        /** {@code basic-auth.username} */
        public Builder basicAuthUsername(String v) {
            basicAuthUsername = v;
            return this;
        }

        /** {@code basic-auth.password-file} */
        public Builder basicAuthPasswordFile(String v) {
            basicAuthPasswordFile = v;
            return this;
        }

        /** {@code tls.ca-file} */
        public Builder tlsCaFile(String v) {
            tlsCaFile = v;
            return this;
        }

        /** {@code tls.cert-file} (client certificate) */
        public Builder tlsCertFile(String v) {
            tlsCertFile = v;
            return this;
        }

        /** {@code tls.key-file} (client key) */
        public Builder tlsKeyFile(String v) {
            tlsKeyFile = v;
            return this;
        }

        /** {@code tls.insecure-skip-verify} */
        public Builder tlsInsecureSkipVerify(boolean v) {
            tlsInsecureSkipVerify = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the key and the value
         */
        public RemoteWriteSection build() {
            for (String url : urls) {
                JobConfig.require(
                        url != null && (url.startsWith("http://") || url.startsWith("https://")),
                        "remote-write.urls entries must be http:// or https:// URLs, got '"
                                + url
                                + "'");
            }
            JobConfig.require(delivery != null, "remote-write.delivery must be set");
            JobConfig.require(
                    basicAuthUsername != null || basicAuthPasswordFile == null,
                    "remote-write.basic-auth needs a username beside password-file");
            JobConfig.require(
                    basicAuthUsername == null || basicAuthPasswordFile != null,
                    "remote-write.basic-auth needs a password-file beside username '"
                            + basicAuthUsername
                            + "'");
            JobConfig.require(
                    (tlsCertFile == null) == (tlsKeyFile == null),
                    "remote-write.tls needs both cert-file and key-file for a client certificate,"
                            + " got cert-file "
                            + tlsCertFile
                            + " and key-file "
                            + tlsKeyFile);
            RemoteWriteSection section =
                    new RemoteWriteSection(
                            urls,
                            delivery,
                            maxBatchSamples,
                            maxBatchBytes,
                            maxBatchDelay,
                            maxQueuedBatches,
                            maxConcurrentRequests,
                            requestTimeout,
                            retryInitialBackoff,
                            retryMaxBackoff,
                            retryJitter,
                            retryMaxTime,
                            dropOnRetriesExhausted,
                            seriesTtl,
                            headers,
                            bearerTokenFile,
                            basicAuthUsername,
                            basicAuthPasswordFile,
                            tlsCaFile,
                            tlsCertFile,
                            tlsKeyFile,
                            tlsInsecureSkipVerify);
            if (!urls.isEmpty()) {
                try {
                    section.sinkBuilder().build();
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new IllegalArgumentException("remote-write: " + e.getMessage(), e);
                }
            }
            return section;
        }
    }
}
