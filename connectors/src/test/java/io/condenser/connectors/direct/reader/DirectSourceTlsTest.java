package io.condenser.connectors.direct.reader;

import static io.condenser.connectors.direct.SimpleTestParsers.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.SimpleTestParsers;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.TestCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS on both listener kinds, with PEM files signed by a CA made for the test (openssl). */
@Timeout(60)
class DirectSourceTlsTest {

    @TempDir Path dir;

    @Test
    void httpsAndTcpTls() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        int tcp = ExternalServer.freePort();
        int http = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, tcp)
                        .port(Protocol.HTTP, http)
                        .disable(Protocol.TCP_GRAPHITE)
                        .tls(
                                new DirectSourceConfig.TlsConfig(
                                        certs.serverCert.toString(), certs.serverKey.toString()))
                        .build();
        DirectSourceReader reader =
                new DirectSourceReader(new TestReaderContext(0), config, new SimpleTestParsers());
        TestReaderContext.Output output = new TestReaderContext.Output();
        try {
            reader.addSplits(
                    TestReaderContext.splits(0, Protocol.TCP_LINE_PROTOCOL, Protocol.HTTP));
            SSLContext trusting = trusting(certs.caCert);

            HttpClient client =
                    HttpClient.newBuilder()
                            .sslContext(trusting)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            HttpResponse<String> r =
                    client.send(
                            HttpRequest.newBuilder(
                                            URI.create("https://127.0.0.1:" + http + "/write"))
                                    .POST(HttpRequest.BodyPublishers.ofString(line("https", 1, 1)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(204);

            try (SSLSocket socket =
                    (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", tcp)) {
                OutputStream out = socket.getOutputStream();
                out.write(line("tls_tcp", 2, 2).getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                in.read(); // wait for the server to close after reading everything
            } catch (java.io.IOException e) {
                // the server may reset after EOF; what matters is what it read
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (output.emitted.size() < 2 && System.nanoTime() < deadline) {
                if (reader.isAvailable().isDone()) {
                    reader.pollNext(output);
                } else {
                    Thread.sleep(10);
                }
            }
            assertThat(output.emitted)
                    .extracting(e -> e.sample().name())
                    .containsExactlyInAnyOrder("https", "tls_tcp");
        } finally {
            reader.close();
        }
    }

    /** Trusts only the test CA. */
    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            ks.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
