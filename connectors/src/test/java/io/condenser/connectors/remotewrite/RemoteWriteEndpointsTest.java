package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.remotewrite.FaultInjectingReceiver.Answer;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.http.RemoteWriteHttpClient;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import io.condenser.connectors.remotewrite.writer.RemoteWriteSinkWriter;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Credentials, extra headers, TLS with a private CA, and fan-out to several endpoints. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteWriteEndpointsTest {

    private static final byte[] BODY =
            RemoteWriteRequestEncoder.encode(List.of(Sample.of("up", Labels.EMPTY, 1, 1)));

    private static RemoteWriteHttpClient client(EndpointConfig e) throws IOException {
        return new RemoteWriteHttpClient(e, Duration.ofSeconds(10), "condenser/test");
    }

    @Test
    void sendsBasicAuthAndExtraHeaders(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
        try (FaultInjectingReceiver r = new FaultInjectingReceiver()) {
            client(
                            EndpointConfig.builder(r.url())
                                    .basicAuth("alice", password.toString())
                                    .header("X-Scope-OrgID", "team-a")
                                    .build())
                    .post(BODY);
            FaultInjectingReceiver.Received got = r.received().get(0);
            assertThat(got.header("Authorization"))
                    .isEqualTo(
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString("alice:s3cret".getBytes()));
            assertThat(got.header("X-Scope-OrgID")).isEqualTo("team-a");
        }
    }

    @Test
    void bearerTokenFileIsReReadWhenItChanges(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "first\n");
        try (FaultInjectingReceiver r = new FaultInjectingReceiver()) {
            RemoteWriteHttpClient c =
                    client(
                            EndpointConfig.builder(r.url())
                                    .bearerTokenFile(token.toString())
                                    .build());
            c.post(BODY);
            Files.writeString(token, "second-token\n");
            Files.setLastModifiedTime(
                    token, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            c.post(BODY);
            assertThat(r.received())
                    .extracting(x -> x.header("Authorization"))
                    .containsExactly("Bearer first", "Bearer second-token");
        }
    }

    @Test
    void trustsAPrivateCaAndOnlyWithIt(@TempDir Path dir) throws Exception {
        SSLContext serverTls = selfSigned(dir);
        try (FaultInjectingReceiver r = new FaultInjectingReceiver(serverTls)) {
            Path ca = dir.resolve("ca.pem");
            RemoteWriteHttpClient.Response ok =
                    client(EndpointConfig.builder(r.url()).caCertFile(ca.toString()).build())
                            .post(BODY);
            assertThat(ok.status()).isEqualTo(204);
            assertThatThrownBy(() -> client(EndpointConfig.builder(r.url()).build()).post(BODY))
                    .as("the JDK trust store does not know our CA")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void fansOutToEveryEndpointEachWithItsOwnRetries() throws Exception {
        try (FaultInjectingReceiver a = new FaultInjectingReceiver();
                FaultInjectingReceiver b = new FaultInjectingReceiver()) {
            b.thenAnswer(Answer.of(503, ""), Answer.of(503, ""), Answer.of(500, ""));
            PrometheusRemoteWriteSink sink =
                    PrometheusRemoteWriteSink.builder()
                            .endpoint(a.url())
                            .endpoint(b.url())
                            .maxBatchSamples(10)
                            .retryPolicy(
                                    new RetryPolicy(
                                            Duration.ofMillis(10),
                                            Duration.ofMillis(50),
                                            0,
                                            Duration.ofMinutes(1)))
                            .build();
            RemoteWriteMetrics metrics = new RemoteWriteMetrics(new UnregisteredMetricsGroup());
            try (RemoteWriteSinkWriter w =
                    new RemoteWriteSinkWriter(
                            sink.config(),
                            metrics,
                            null,
                            EndpointSenders.create(sink.config(), metrics),
                            List.of(),
                            0)) {
                for (int i = 0; i < 35; i++) {
                    w.write(Sample.of("m", Labels.of("i", "" + (i % 5)), 1000L * i, i), null);
                }
                w.flush(false);
            }
            assertThat(a.acceptedSamples()).hasSize(35);
            assertThat(b.acceptedSamples()).isEqualTo(a.acceptedSamples());
            assertThat(metrics.endpoints().get(0).retries()).isZero();
            assertThat(metrics.endpoints().get(1).retries()).isEqualTo(3);
        }
    }

    @Test
    void builderNamesTheWrongOption() {
        assertThatThrownBy(() -> PrometheusRemoteWriteSink.builder().build())
                .hasMessageContaining("at least one endpoint");
        assertThatThrownBy(
                        () ->
                                PrometheusRemoteWriteSink.builder()
                                        .endpoint("http://x/api/v1/write")
                                        .maxBatchSamples(0)
                                        .build())
                .hasMessage("max batch samples must be >= 1, got 0");
        assertThatThrownBy(() -> EndpointConfig.builder("ftp://x/").build())
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(
                        () ->
                                EndpointConfig.builder("http://x/")
                                        .header("Content-Encoding", "gzip")
                                        .build())
                .hasMessageContaining("cannot be overridden");
        assertThatThrownBy(
                        () ->
                                EndpointConfig.builder("http://x/")
                                        .basicAuth("a", "b")
                                        .bearerTokenFile("/t")
                                        .build())
                .hasMessageContaining("exclusive");
        assertThatThrownBy(
                        () ->
                                PrometheusRemoteWriteSink.builder()
                                        .endpoint("http://x/a")
                                        .endpoint("http://x/a")
                                        .build())
                .hasMessageContaining("distinct");
    }

    @Test
    void deliveryModesUseTheirConfigSpelling() {
        assertThat(DeliveryMode.fromConfigName("at-least-once"))
                .isEqualTo(DeliveryMode.AT_LEAST_ONCE);
        assertThat(DeliveryMode.fromConfigName("exactly-once"))
                .isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThatThrownBy(() -> DeliveryMode.fromConfigName("once"))
                .hasMessage("delivery must be at-least-once or exactly-once, got 'once'");
    }

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool; writes ca.pem. */
    private static SSLContext selfSigned(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path ks = dir.resolve("server.p12");
        exec(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        exec(
                keytool.toString(),
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-file",
                dir.resolve("ca.pem").toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
