package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The sink's immutable configuration; made and validated by {@link
 * PrometheusRemoteWriteSinkBuilder}.
 */
public final class RemoteWriteConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<EndpointConfig> endpoints;
    private final DeliveryMode delivery;
    private final int maxBatchSamples;
    private final int maxBatchBytes;
    private final long maxBatchDelayMs;
    private final int maxQueuedBatches;
    private final int maxConcurrentRequests;
    private final long requestTimeoutMs;
    private final RetryPolicy retryPolicy;
    private final boolean dropOnRetriesExhausted;
    private final long seriesTtlMs;
    private final String userAgent;

    RemoteWriteConfig(PrometheusRemoteWriteSinkBuilder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.delivery = b.delivery;
        this.maxBatchSamples = b.maxBatchSamples;
        this.maxBatchBytes = b.maxBatchBytes;
        this.maxBatchDelayMs = b.maxBatchDelay.toMillis();
        this.maxQueuedBatches = b.maxQueuedBatches;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.requestTimeoutMs = b.requestTimeout.toMillis();
        this.retryPolicy = b.retryPolicy;
        this.dropOnRetriesExhausted = b.dropOnRetriesExhausted;
        this.seriesTtlMs = b.seriesTtl.toMillis();
        this.userAgent = b.userAgent;
    }

    public List<EndpointConfig> endpoints() {
        return endpoints;
    }

    public DeliveryMode delivery() {
        return delivery;
    }

    public int maxBatchSamples() {
        return maxBatchSamples;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    public long maxBatchDelayMs() {
        return maxBatchDelayMs;
    }

    public int maxQueuedBatches() {
        return maxQueuedBatches;
    }

    /** Requests in flight per endpoint and subtask (lanes, each series in one). */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMs);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public boolean dropOnRetriesExhausted() {
        return dropOnRetriesExhausted;
    }

    public long seriesTtlMs() {
        return seriesTtlMs;
    }

    public String userAgent() {
        return userAgent;
    }
}
