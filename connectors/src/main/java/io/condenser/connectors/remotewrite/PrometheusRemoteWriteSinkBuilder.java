package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link PrometheusRemoteWriteSink}; {@link #build()} checks every option and names the
 * one that is wrong.
 */
public final class PrometheusRemoteWriteSinkBuilder {

    /** Prometheus' own sender uses 2000 per request (queue_config.max_samples_per_send). */
    public static final int DEFAULT_MAX_BATCH_SAMPLES = 2_000;

    /** Uncompressed estimate; keeps requests well under receivers' body limits (Mimir: 10 MiB). */
    public static final int DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

    /** The latency users pay in at-least-once mode when samples trickle in. */
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofSeconds(1);

    /** Per endpoint; with the batch bounds this caps the sink's memory during an outage. */
    public static final int DEFAULT_MAX_QUEUED_BATCHES = 8;

    /**
     * One ordered request stream per endpoint and subtask: throughput then scales with the sink's
     * parallelism. Raise it when one subtask must push more than one request round trip allows.
     */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 1;

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** High-water marks of series not written for this long leave the writer state. */
    public static final Duration DEFAULT_SERIES_TTL = Duration.ofHours(2);

    public static final DeliveryMode DEFAULT_DELIVERY = DeliveryMode.AT_LEAST_ONCE;
    public static final String DEFAULT_USER_AGENT = "condenser/" + version();

    final List<EndpointConfig> endpoints = new ArrayList<>();
    DeliveryMode delivery = DEFAULT_DELIVERY;
    int maxBatchSamples = DEFAULT_MAX_BATCH_SAMPLES;
    int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
    int maxQueuedBatches = DEFAULT_MAX_QUEUED_BATCHES;
    int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    boolean dropOnRetriesExhausted = false;
    Duration seriesTtl = DEFAULT_SERIES_TTL;
    String userAgent = DEFAULT_USER_AGENT;

    PrometheusRemoteWriteSinkBuilder() {}

    /** Adds a receiver with no credentials. */
    public PrometheusRemoteWriteSinkBuilder endpoint(String url) {
        return endpoint(EndpointConfig.builder(url).build());
    }

    /** Adds a receiver; samples fan out to every endpoint, each with its own queue and retries. */
    public PrometheusRemoteWriteSinkBuilder endpoint(EndpointConfig endpoint) {
        endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder delivery(DeliveryMode delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder maxBatchSamples(int samples) {
        this.maxBatchSamples = samples;
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder maxBatchBytes(int bytes) {
        this.maxBatchBytes = bytes;
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder maxBatchDelay(Duration delay) {
        this.maxBatchDelay = Objects.requireNonNull(delay, "maxBatchDelay");
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder maxQueuedBatches(int batches) {
        this.maxQueuedBatches = batches;
        return this;
    }

    /**
     * Requests in flight per endpoint and subtask. Series are spread over this many lanes by hash,
     * each lane sending in order, so per-series order holds. Exactly-once commits are sequential.
     */
    public PrometheusRemoteWriteSinkBuilder maxConcurrentRequests(int requests) {
        this.maxConcurrentRequests = requests;
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
        return this;
    }

    /**
     * When retries run out: {@code false} (default) fails the job, which restores from the last
     * checkpoint and loses nothing; {@code true} drops the batch and counts it.
     */
    public PrometheusRemoteWriteSinkBuilder dropOnRetriesExhausted(boolean drop) {
        this.dropOnRetriesExhausted = drop;
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder seriesTtl(Duration ttl) {
        this.seriesTtl = Objects.requireNonNull(ttl, "seriesTtl");
        return this;
    }

    public PrometheusRemoteWriteSinkBuilder userAgent(String userAgent) {
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        return this;
    }

    public PrometheusRemoteWriteSink build() {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("remote-write sink needs at least one endpoint");
        }
        long distinct = endpoints.stream().map(EndpointConfig::url).distinct().count();
        if (distinct != endpoints.size()) {
            throw new IllegalArgumentException("endpoint urls must be distinct, got " + endpoints);
        }
        if (maxBatchSamples < 1) {
            throw new IllegalArgumentException(
                    "max batch samples must be >= 1, got " + maxBatchSamples);
        }
        if (maxBatchBytes < 1024) {
            throw new IllegalArgumentException(
                    "max batch bytes must be >= 1024, got " + maxBatchBytes);
        }
        if (maxBatchDelay.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "max batch delay must be >= 1ms, got " + maxBatchDelay);
        }
        if (maxQueuedBatches < 1) {
            throw new IllegalArgumentException(
                    "max queued batches must be >= 1, got " + maxQueuedBatches);
        }
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > 64) {
            throw new IllegalArgumentException(
                    "max concurrent requests must be in [1, 64], got " + maxConcurrentRequests);
        }
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "request timeout must be >= 1ms, got " + requestTimeout);
        }
        if (seriesTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("series ttl must be >= 1s, got " + seriesTtl);
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("user agent must not be blank");
        }
        RemoteWriteConfig config = new RemoteWriteConfig(this);
        return delivery == DeliveryMode.EXACTLY_ONCE
                ? new PrometheusRemoteWriteCommittingSink(config)
                : new PrometheusRemoteWriteSink(config);
    }

    private static String version() {
        String v = PrometheusRemoteWriteSinkBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
