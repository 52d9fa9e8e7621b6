package io.condenser.connectors.remotewrite.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.connectors.testing.TestCertificates;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's HTTP client against Debian's Prometheus 2.42 with {@code --web.config.file}: TLS with
 * a CA made for the test, a required client certificate, and basic auth. Right credentials land the
 * sample; a wrong password gets 401, which the sink treats as a permanent refusal; no client
 * certificate, or no trust in the CA, fails the TLS handshake.
 */
class RemoteWriteSecurityITCase {

    @TempDir Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void tlsClientCertificateAndBasicAuthAgainstPrometheus() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
        Path password = Files.writeString(dir.resolve("password"), "s3cret-pw\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
        try (PrometheusServer prometheus =
                new PrometheusServer(dir.resolve("prometheus"))
                        .secured(
                                PrometheusServer.Secured.mutualTlsAndBasicAuth(
                                        certs, "condenser", "s3cret-pw"))) {
            prometheus.start();
            String url = prometheus.remoteWriteUrl();
            assertThat(url).startsWith("https://");
            long now = System.currentTimeMillis();
            byte[] body =
                    RemoteWriteRequestEncoder.encode(
                            List.of(Sample.of("secured_up", Labels.of("via", "tls"), now, 1)));

            RemoteWriteHttpClient.Response ok =
                    client(
                                    EndpointConfig.builder(url)
                                            .caCertFile(certs.caCert.toString())
                                            .clientCertificate(
                                                    certs.clientCert.toString(),
                                                    certs.clientKey.toString())
                                            .basicAuth("condenser", password.toString())
                                            .build())
                            .post(body);
            assertThat(ok.status()).as(ok.body()).isEqualTo(204);

            RemoteWriteHttpClient.Response unauthorized =
                    client(
                                    EndpointConfig.builder(url)
                                            .caCertFile(certs.caCert.toString())
                                            .clientCertificate(
                                                    certs.clientCert.toString(),
                                                    certs.clientKey.toString())
                                            .basicAuth("condenser", wrong.toString())
                                            .build())
                            .post(body);
            assertThat(unauthorized.status()).isEqualTo(401);

            RemoteWriteHttpClient noClientCert =
                    client(
                            EndpointConfig.builder(url)
                                    .caCertFile(certs.caCert.toString())
                                    .basicAuth("condenser", password.toString())
                                    .build());
            assertThatThrownBy(() -> noClientCert.post(body)).isInstanceOf(IOException.class);
            RemoteWriteHttpClient untrusted =
                    client(
                            EndpointConfig.builder(url)
                                    .basicAuth("condenser", password.toString())
                                    .build());
            assertThatThrownBy(() -> untrusted.post(body)).isInstanceOf(IOException.class);

            assertThat(prometheus.query("secured_up{via=\"tls\"}", now / 1000.0))
                    .as("the sample written with the right credentials")
                    .hasSize(1);
        }
    }

    private static RemoteWriteHttpClient client(EndpointConfig e) throws IOException {
        return new RemoteWriteHttpClient(e, Duration.ofSeconds(10), "condenser/test");
    }
}
