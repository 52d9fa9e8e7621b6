package io.condenser.connectors.remotewrite.send;

import java.util.Locale;

/**
 * Maps a receiver's status and body to what the sender does next.
 *
 * <p>Prometheus 2.42 rolls back the whole request when one sample fails and answers with the first
 * error as a plain-text body (checked against the Debian binary in {@code
 * PrometheusErrorBodiesITCase}):
 *
 * <ul>
 *   <li>400 {@code out of order sample}, {@code duplicate sample for timestamp}, {@code out of
 *       bounds}: sample-level, so split and resend;
 *   <li>500 {@code too old sample} (out-of-order window on) and 500 {@code ...: invalid sample}
 *       ({@code empty labelset}, {@code label name "x" is not unique}): permanent despite the 5xx,
 *       so split and resend rather than retry forever.
 * </ul>
 *
 * Mimir/Cortex spell the same conditions {@code err-mimir-sample-out-of-order} and friends; those
 * are matched too. Everything else follows the remote-write spec: 5xx, 429 and 408 are retried,
 * other 4xx dropped.
 */
public final class RemoteWriteResponseClassifier {

    /** The action and, for SPLIT and DROP, why the samples are refused. */
    public record Classification(ResponseAction action, DropReason reason) {}

    private static final Classification SUCCESS = new Classification(ResponseAction.SUCCESS, null);
    private static final Classification RETRY = new Classification(ResponseAction.RETRY, null);

    private RemoteWriteResponseClassifier() {}

    public static Classification classify(int status, String body) {
        if (status / 100 == 2) {
            return SUCCESS;
        }
        String b = body == null ? "" : body.toLowerCase(Locale.ROOT);
        DropReason sampleLevel = sampleLevelReason(b);
        if (sampleLevel != null && (status / 100 == 4 || status / 100 == 5)) {
            return new Classification(ResponseAction.SPLIT, sampleLevel);
        }
        if (status == 413) {
            // Request too large: smaller requests may pass.
            return new Classification(ResponseAction.SPLIT, DropReason.CLIENT_ERROR);
        }
        if (status == 429 || status == 408 || status / 100 == 5) {
            return RETRY;
        }
        if (status / 100 == 4) {
            return new Classification(ResponseAction.DROP, DropReason.CLIENT_ERROR);
        }
        // 1xx/3xx: the sink does not follow redirects; a misconfigured URL, retrying won't help.
        return new Classification(ResponseAction.DROP, DropReason.CLIENT_ERROR);
    }

    private static DropReason sampleLevelReason(String b) {
        if (b.contains("out of order sample") || b.contains("sample-out-of-order")) {
            return DropReason.OUT_OF_ORDER;
        }
        if (b.contains("duplicate sample for timestamp")
                || b.contains("sample-duplicate-timestamp")) {
            return DropReason.DUPLICATE;
        }
        if (b.contains("out of bounds") || b.contains("sample-timestamp-too-old")) {
            return DropReason.OUT_OF_BOUNDS;
        }
        if (b.contains("too old sample")) {
            return DropReason.TOO_OLD;
        }
        if (b.contains("invalid sample")
                || b.contains("empty labelset")
                || b.contains("is not unique")
                || b.contains("invalid metric name")
                || b.contains("invalid label")
                || b.contains("missing-metric-name")) {
            return DropReason.INVALID;
        }
        return null;
    }
}
