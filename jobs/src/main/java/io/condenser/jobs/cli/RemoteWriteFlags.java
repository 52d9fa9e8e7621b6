package io.condenser.jobs.cli;

import static io.condenser.jobs.cli.DirectSourceFlags.duration;
import static io.condenser.jobs.cli.DirectSourceFlags.intSize;

import io.condenser.jobs.config.RemoteWriteSection;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Flags for the {@code remote-write} keys beyond urls and delivery (which {@link JobConfigOptions}
 * keeps): batching, retries, headers, credentials files, TLS. Secrets are file paths, never values.
 */
public final class RemoteWriteFlags {

    private static final String P = "--remote-write-";

    @Option(
            names = P + "max-batch-samples",
            paramLabel = "N",
            description = "remote-write.max-batch-samples")
    Integer maxBatchSamples;

    @Option(
            names = P + "max-batch-bytes",
            paramLabel = "SIZE",
            description = "remote-write.max-batch-bytes")
    String maxBatchBytes;

    @Option(
            names = P + "max-batch-delay",
            paramLabel = "DURATION",
            description = "remote-write.max-batch-delay")
    String maxBatchDelay;

    @Option(
            names = P + "max-queued-batches",
            paramLabel = "N",
            description = "remote-write.max-queued-batches")
    Integer maxQueuedBatches;

    @Option(
            names = P + "max-concurrent-requests",
            paramLabel = "N",
            description = "remote-write.max-concurrent-requests")
    Integer maxConcurrentRequests;

    @Option(
            names = P + "request-timeout",
            paramLabel = "DURATION",
            description = "remote-write.request-timeout")
    String requestTimeout;

    @Option(
            names = P + "retry-initial-backoff",
            paramLabel = "DURATION",
            description = "remote-write.retry.initial-backoff")
    String retryInitialBackoff;

    @Option(
            names = P + "retry-max-backoff",
            paramLabel = "DURATION",
            description = "remote-write.retry.max-backoff")
    String retryMaxBackoff;

    @Option(
            names = P + "retry-jitter",
            paramLabel = "FRACTION",
            description = "remote-write.retry.jitter")
    Double retryJitter;

    @Option(
            names = P + "retry-max-time",
            paramLabel = "DURATION",
            description = "remote-write.retry.max-time")
    String retryMaxTime;

    @Option(
            names = P + "drop-on-retries-exhausted",
            paramLabel = "true|false",
            arity = "0..1",
            fallbackValue = "true",
            description = "remote-write.drop-on-retries-exhausted")
    Boolean dropOnRetriesExhausted;

    @Option(
            names = P + "series-ttl",
            paramLabel = "DURATION",
            description = "remote-write.series-ttl")
    String seriesTtl;

    @Option(
            names = P + "header",
            paramLabel = "NAME:VALUE",
            description = "remote-write.headers (repeat for several)")
    List<String> headers;

    @Option(
            names = P + "bearer-token-file",
            paramLabel = "FILE",
            description = "remote-write.bearer-token-file")
    String bearerTokenFile;

    @Option(
            names = P + "basic-auth-username",
            paramLabel = "NAME",
            description = "remote-write.basic-auth.username")
    String basicAuthUsername;

    @Option(
            names = P + "basic-auth-password-file",
            paramLabel = "FILE",
            description = "remote-write.basic-auth.password-file")
    String basicAuthPasswordFile;

    @Option(
            names = P + "tls-ca-file",
            paramLabel = "FILE",
            description = "remote-write.tls.ca-file")
    String tlsCaFile;

    @Option(
            names = P + "tls-cert-file",
            paramLabel = "FILE",
            description = "remote-write.tls.cert-file")
    String tlsCertFile;

    @Option(
            names = P + "tls-key-file",
            paramLabel = "FILE",
            description = "remote-write.tls.key-file")
    String tlsKeyFile;

    @Option(
            names = P + "tls-insecure-skip-verify",
            paramLabel = "true|false",
            arity = "0..1",
            fallbackValue = "true",
            description = "remote-write.tls.insecure-skip-verify (tests only)")
    Boolean tlsInsecureSkipVerify;

    void apply(RemoteWriteSection.Builder w) {
        if (maxBatchSamples != null) {
            w.maxBatchSamples(maxBatchSamples);
        }
        if (maxBatchBytes != null) {
            w.maxBatchBytes(intSize(P + "max-batch-bytes", maxBatchBytes));
        }
        if (maxBatchDelay != null) {
            w.maxBatchDelay(duration(P + "max-batch-delay", maxBatchDelay));
        }
        if (maxQueuedBatches != null) {
            w.maxQueuedBatches(maxQueuedBatches);
        }
        if (maxConcurrentRequests != null) {
            w.maxConcurrentRequests(maxConcurrentRequests);
        }
        if (requestTimeout != null) {
            w.requestTimeout(duration(P + "request-timeout", requestTimeout));
        }
        if (retryInitialBackoff != null) {
            w.retryInitialBackoff(duration(P + "retry-initial-backoff", retryInitialBackoff));
        }
        if (retryMaxBackoff != null) {
            w.retryMaxBackoff(duration(P + "retry-max-backoff", retryMaxBackoff));
        }
        if (retryJitter != null) {
            w.retryJitter(retryJitter);
        }
        if (retryMaxTime != null) {
            w.retryMaxTime(duration(P + "retry-max-time", retryMaxTime));
        }
        if (dropOnRetriesExhausted != null) {
            w.dropOnRetriesExhausted(dropOnRetriesExhausted);
        }
        if (seriesTtl != null) {
            w.seriesTtl(duration(P + "series-ttl", seriesTtl));
        }
        if (headers != null) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(
                            P + "header must be NAME:VALUE, got '" + h + "'");
                }
                w.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
        }
        if (bearerTokenFile != null) {
            w.bearerTokenFile(bearerTokenFile);
        }
        if (basicAuthUsername != null) {
            w.basicAuthUsername(basicAuthUsername);
        }
        if (basicAuthPasswordFile != null) {
            w.basicAuthPasswordFile(basicAuthPasswordFile);
        }
        if (tlsCaFile != null) {
            w.tlsCaFile(tlsCaFile);
        }
        if (tlsCertFile != null) {
            w.tlsCertFile(tlsCertFile);
        }
        if (tlsKeyFile != null) {
            w.tlsKeyFile(tlsKeyFile);
        }
        if (tlsInsecureSkipVerify != null) {
            w.tlsInsecureSkipVerify(tlsInsecureSkipVerify);
        }
    }
}
