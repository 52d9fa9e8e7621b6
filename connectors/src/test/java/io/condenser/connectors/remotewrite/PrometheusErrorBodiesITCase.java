package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.RemoteWriteResponseClassifier;
import io.condenser.connectors.remotewrite.send.ResponseAction;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status and body the real Prometheus 2.42 answers for each refusal, and that the classifier
 * neither retries them forever nor drops a whole request for them.
 */
class PrometheusErrorBodiesITCase {

    private static Prompb.TimeSeries series(String name, long ts, double v, String... labels) {
        Prompb.TimeSeries.Builder b = Prompb.TimeSeries.newBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            b.addLabels(Prompb.Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        if (name != null) {
            b.addLabels(0, Prompb.Label.newBuilder().setName("__name__").setValue(name));
        }
        return b.addSamples(Prompb.Sample.newBuilder().setTimestamp(ts).setValue(v)).build();
    }

    private static HttpResponse<String> post(PrometheusServer prom, Prompb.TimeSeries... ts)
            throws Exception {
        Prompb.WriteRequest.Builder req = Prompb.WriteRequest.newBuilder();
        for (Prompb.TimeSeries t : ts) {
            req.addTimeseries(t);
        }
        return prom.post(
                "/api/v1/write",
                "application/x-protobuf",
                RemoteWriteRequestEncoder.compress(req.build().toByteArray()));
    }

    private static void expect(
            HttpResponse<String> r,
            int status,
            String body,
            ResponseAction action,
            DropReason why) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(body);
        RemoteWriteResponseClassifier.Classification c =
                RemoteWriteResponseClassifier.classify(r.statusCode(), r.body());
        assertThat(c.action()).as(r.body()).isEqualTo(action);
        assertThat(c.reason()).as(r.body()).isEqualTo(why);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void prometheusRefusalsAreClassified(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalServer.onPath("prometheus"), "prometheus not on PATH");
        try (PrometheusServer prom = new PrometheusServer(dir)) {
            prom.start();
            long now = System.currentTimeMillis();
            assertThat(post(prom, series("m", now, 1, "job", "a")).statusCode()).isEqualTo(204);
            // An exact duplicate of the latest sample is accepted silently.
            assertThat(post(prom, series("m", now, 1, "job", "a")).statusCode()).isEqualTo(204);

            expect(
                    post(prom, series("m", now - 1000, 1, "job", "a")),
                    400,
                    "out of order sample",
                    ResponseAction.SPLIT,
                    DropReason.OUT_OF_ORDER);
            expect(
                    post(prom, series("m", now, 2, "job", "a")),
                    400,
                    "duplicate sample for timestamp",
                    ResponseAction.SPLIT,
                    DropReason.DUPLICATE);
            expect(
                    post(prom, series("m", now - 24 * 3600_000L, 1, "job", "new")),
                    400,
                    "out of bounds",
                    ResponseAction.SPLIT,
                    DropReason.OUT_OF_BOUNDS);
            expect(
                    post(prom, series(null, now, 1)),
                    500,
                    "empty labelset",
                    ResponseAction.SPLIT,
                    DropReason.INVALID);
            expect(
                    post(prom, series("m", now, 1, "job", "a", "job", "b")),
                    500,
                    "not unique",
                    ResponseAction.SPLIT,
                    DropReason.INVALID);

            // One bad sample rolls back the whole request: the good series is not stored.
            HttpResponse<String> mixed =
                    post(
                            prom,
                            series("good", now, 7, "job", "x"),
                            series("m", now - 2000, 1, "job", "a"));
            assertThat(mixed.statusCode()).isEqualTo(400);
            assertThat(prom.query("good", now / 1000.0)).isEmpty();
        }
    }
}
