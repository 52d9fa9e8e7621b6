package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The sink's options as typed Flink {@link ConfigOption}s ({@code remote-write.*}), for jobs that
 * read their sink from configuration (flink-conf, {@code -D} flags, a YAML section). Defaults are
 * the builder's {@code DEFAULT_*} constants; credentials, headers and the CA apply to every url.
 */
public final class RemoteWriteSinkOptions {

    private static final String P = "remote-write.";

    public static final ConfigOption<List<String>> URLS =
            ConfigOptions.key(P + "urls")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription("Receiver urls, separated by ';'. Several = fan-out.");
    public static final ConfigOption<String> DELIVERY =
            ConfigOptions.key(P + "delivery")
                    .stringType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_DELIVERY.configName())
                    .withDescription("at-least-once or exactly-once.");
    public static final ConfigOption<Integer> MAX_BATCH_SAMPLES =
            ConfigOptions.key(P + "max-batch-samples")
                    .intType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_SAMPLES);
    public static final ConfigOption<MemorySize> MAX_BATCH_BYTES =
            ConfigOptions.key(P + "max-batch-bytes")
                    .memoryType()
                    .defaultValue(
                            new MemorySize(
                                    PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_BYTES));
    public static final ConfigOption<Duration> MAX_BATCH_DELAY =
            ConfigOptions.key(P + "max-batch-delay")
                    .durationType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_BATCH_DELAY);
    public static final ConfigOption<Integer> MAX_QUEUED_BATCHES =
            ConfigOptions.key(P + "max-queued-batches")
                    .intType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_QUEUED_BATCHES);
    public static final ConfigOption<Integer> MAX_CONCURRENT_REQUESTS =
            ConfigOptions.key(P + "max-concurrent-requests")
                    .intType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_MAX_CONCURRENT_REQUESTS);
    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key(P + "request-timeout")
                    .durationType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_REQUEST_TIMEOUT);
    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
            ConfigOptions.key(P + "retry.initial-backoff")
                    .durationType()
                    .defaultValue(RetryPolicy.DEFAULT_INITIAL_BACKOFF);
    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
            ConfigOptions.key(P + "retry.max-backoff")
                    .durationType()
                    .defaultValue(RetryPolicy.DEFAULT_MAX_BACKOFF);
    public static final ConfigOption<Double> RETRY_JITTER =
            ConfigOptions.key(P + "retry.jitter")
                    .doubleType()
                    .defaultValue(RetryPolicy.DEFAULT_JITTER);
    public static final ConfigOption<Duration> RETRY_MAX_TIME =
            ConfigOptions.key(P + "retry.max-time")
                    .durationType()
                    .defaultValue(RetryPolicy.DEFAULT_MAX_RETRY_TIME);
    public static final ConfigOption<Boolean> DROP_ON_RETRIES_EXHAUSTED =
            ConfigOptions.key(P + "drop-on-retries-exhausted").booleanType().defaultValue(false);
    public static final ConfigOption<Duration> SERIES_TTL =
            ConfigOptions.key(P + "series-ttl")
                    .durationType()
                    .defaultValue(PrometheusRemoteWriteSinkBuilder.DEFAULT_SERIES_TTL);
    public static final ConfigOption<String> BASIC_AUTH_USER =
            ConfigOptions.key(P + "basic-auth.user").stringType().noDefaultValue();
    public static final ConfigOption<String> BASIC_AUTH_PASSWORD =
            ConfigOptions.key(P + "basic-auth.password").stringType().noDefaultValue();
    public static final ConfigOption<String> BEARER_TOKEN_FILE =
            ConfigOptions.key(P + "bearer-token-file").stringType().noDefaultValue();
    public static final ConfigOption<String> CA_CERT_FILE =
            ConfigOptions.key(P + "tls.ca-file").stringType().noDefaultValue();
    public static final ConfigOption<Map<String, String>> HEADERS =
            ConfigOptions.key(P + "headers")
                    .mapType()
                    .noDefaultValue()
                    .withDescription("Extra headers, e.g. 'X-Scope-OrgID:team-a'.");

    private RemoteWriteSinkOptions() {}

    /** A builder preset from configuration; {@code build()} validates as usual. */
    public static PrometheusRemoteWriteSinkBuilder builder(ReadableConfig conf) {
        List<String> urls =
                conf.getOptional(URLS)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                URLS.key() + " is required (receiver urls)"));
        PrometheusRemoteWriteSinkBuilder b = PrometheusRemoteWriteSink.builder();
        for (String url : urls) {
            EndpointConfig.Builder e = EndpointConfig.builder(url.trim());
            conf.getOptional(BASIC_AUTH_USER)
                    .ifPresent(
                            u ->
                                    e.basicAuth(
                                            u, conf.getOptional(BASIC_AUTH_PASSWORD).orElse(null)));
            conf.getOptional(BEARER_TOKEN_FILE).ifPresent(e::bearerTokenFile);
            conf.getOptional(CA_CERT_FILE).ifPresent(e::caCertFile);
            conf.getOptional(HEADERS).ifPresent(h -> h.forEach(e::header));
            b.endpoint(e.build());
        }
        long bytes = conf.get(MAX_BATCH_BYTES).getBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    MAX_BATCH_BYTES.key() + " must be < 2 GiB, got " + conf.get(MAX_BATCH_BYTES));
        }
        return b.delivery(DeliveryMode.fromConfigName(conf.get(DELIVERY)))
                .maxBatchSamples(conf.get(MAX_BATCH_SAMPLES))
                .maxBatchBytes((int) bytes)
                .maxBatchDelay(conf.get(MAX_BATCH_DELAY))
                .maxQueuedBatches(conf.get(MAX_QUEUED_BATCHES))
                .maxConcurrentRequests(conf.get(MAX_CONCURRENT_REQUESTS))
                .requestTimeout(conf.get(REQUEST_TIMEOUT))
                .retryPolicy(
                        new RetryPolicy(
                                conf.get(RETRY_INITIAL_BACKOFF),
                                conf.get(RETRY_MAX_BACKOFF),
                                conf.get(RETRY_JITTER),
                                conf.get(RETRY_MAX_TIME)))
                .dropOnRetriesExhausted(conf.get(DROP_ON_RETRIES_EXHAUSTED))
                .seriesTtl(conf.get(SERIES_TTL));
    }
}
