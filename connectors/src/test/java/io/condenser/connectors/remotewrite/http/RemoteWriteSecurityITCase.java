package io.condenser.connectors.remotewrite.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.model.Labels;
import io.condenser.connectors.model.Sample;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.connectors.testing.TestCertificates;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's HTTP client against Debian's Prometheus 2.42 with {@code --web.config.file}: TLS with
 * a CA made for the test, a required client certificate, and basic auth (bcrypt hash by {@code
 * htpasswd}). Right credentials land the sample; a wrong password gets 401, which the sink treats
 * as a permanent refusal; no client certificate, or no trust in the CA, fails the TLS handshake.
 */
class RemoteWriteSecurityITCase {

    @TempDir Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void tlsClientCertificateAndBasicAuthAgainstPrometheus() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
        Path password = Files.writeString(dir.resolve("password"), "s3cret-pw\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
        String webConfig =
                "tls_server_config:\n"
                        + "  cert_file: "
                        + certs.serverCert
                        + "\n"
                        + "  key_file: "
                        + certs.serverKey
                        + "\n"
                        + "  client_auth_type: RequireAndVerifyClientCert\n"
                        + "  client_ca_file: "
                        + certs.caCert
                        + "\n"
                        + "basic_auth_users:\n"
                        + "  condenser: '"
                        + bcrypt("condenser", "s3cret-pw")
                        + "'\n";
        HttpClient testClient =
                HttpClient.newBuilder()
                        .sslContext(certs.clientContext(true))
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        String auth =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "condenser:s3cret-pw".getBytes(StandardCharsets.UTF_8));
        try (PrometheusServer prometheus =
                new PrometheusServer(dir.resolve("prometheus"))
                        .secured(new PrometheusServer.Secured(webConfig, testClient, auth))) {
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

    /** Prometheus' basic_auth_users take bcrypt hashes; htpasswd (apache2-utils) makes them. */
    static String bcrypt(String user, String password) throws Exception {
        Process p =
                new ProcessBuilder("htpasswd", "-nbB", user, password)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("htpasswd failed: " + out);
        }
        return out.strip().substring(user.length() + 1);
    }
}
