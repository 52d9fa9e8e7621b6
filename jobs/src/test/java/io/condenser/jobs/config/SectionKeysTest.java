package io.condenser.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.jobs.cli.JobConfigOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code source.direct} and {@code remote-write} key, from the file and from its flag,
 * reaches the connector's configuration; bad values are refused naming the key.
 */
class SectionKeysTest {

    private static final String DIRECT =
            """
            rules: {path: r}
            source:
              direct:
                bind-address: 127.0.0.1
                ack-timeout: 7s
                queue-capacity: 500
                max-line-length: 1kb
                max-body-size: 2mb
                max-buffered-body-size: 8mb
                max-connections: 9
                http-threads: 3
                connection-idle-timeout: 2m
                read-header-timeout: 4s
                read-body-timeout: 6s
                max-future: 1h
                retry-after: 3s
                auth:
                  basic-auth: {username: telegraf, password-file: /run/pw}
                tls: {cert-file: /tls/server.pem, key-file: /tls/server.key}
                graphite:
                  templates: ["collectd.* .host.measurement*"]
            """;

    private static final String REMOTE_WRITE =
            """
            rules: {path: r}
            remote-write:
              urls: [https://mimir/api/v1/push]
              max-batch-samples: 100
              max-batch-bytes: 64kb
              max-batch-delay: 200ms
              max-queued-batches: 3
              max-concurrent-requests: 2
              request-timeout: 5s
              retry: {initial-backoff: 50ms, max-backoff: 2s, jitter: 0.1, max-time: 1m}
              drop-on-retries-exhausted: true
              series-ttl: 1h
              headers: {X-Scope-OrgID: team-a}
              bearer-token-file: /run/token
              tls: {ca-file: /tls/ca.pem, cert-file: /tls/c.pem, key-file: /tls/c.key}
            """;

    private static void assertDirect(DirectSourceConfig d) {
        assertThat(d.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(d.ackTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(d.queueCapacity()).isEqualTo(500);
        assertThat(d.maxLineLength()).isEqualTo(1024);
        assertThat(d.maxBodyBytes()).isEqualTo(2 << 20);
        assertThat(d.maxBufferedBytes()).isEqualTo(8 << 20);
        assertThat(d.maxConnections()).isEqualTo(9);
        assertThat(d.httpThreads()).isEqualTo(3);
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.readHeaderTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(d.readBodyTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(d.maxFuture()).isEqualTo(Duration.ofHours(1));
        assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.basicUser()).isEqualTo("telegraf");
        assertThat(d.basicPasswordFile()).isEqualTo("/run/pw");
        assertThat(d.tls())
                .isEqualTo(new DirectSourceConfig.TlsConfig("/tls/server.pem", "/tls/server.key"));
        assertThat(d.graphiteTemplates()).containsExactly("collectd.* .host.measurement*");
        assertThat(d.port(Protocol.HTTP)).isEqualTo(8086);
    }

    @Test
    void everyDirectKeyFromTheFile() throws Exception {
        assertDirect(JobConfigYaml.read(DIRECT, "t.yaml").build().direct().connectorConfig());
    }

    @Test
    void everyDirectKeyFromItsFlag() {
        JobConfig c =
                flags(
                        "--rules", "r",
                        "--bind-address", "127.0.0.1",
                        "--ack-timeout", "7s",
                        "--queue-capacity", "500",
                        "--max-line-length", "1kb",
                        "--max-body-size", "2mb",
                        "--max-buffered-body-size", "8mb",
                        "--max-connections", "9",
                        "--http-threads", "3",
                        "--connection-idle-timeout", "2m",
                        "--read-header-timeout", "4s",
                        "--read-body-timeout", "6s",
                        "--max-future", "1h",
                        "--retry-after", "3s",
                        "--basic-auth-username", "telegraf",
                        "--basic-auth-password-file", "/run/pw",
                        "--tls-cert-file", "/tls/server.pem",
                        "--tls-key-file", "/tls/server.key",
                        "--graphite-template", "collectd.* .host.measurement*");
        assertDirect(c.direct().connectorConfig());
    }

    private static void assertRemoteWrite(RemoteWriteSection w) {
        assertThat(w.urls()).containsExactly("https://mimir/api/v1/push");
        assertThat(w.maxBatchSamples()).isEqualTo(100);
        assertThat(w.maxBatchBytes()).isEqualTo(64 * 1024);
        assertThat(w.maxBatchDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(w.maxQueuedBatches()).isEqualTo(3);
        assertThat(w.maxConcurrentRequests()).isEqualTo(2);
        assertThat(w.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(w.retryInitialBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(w.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(w.retryJitter()).isEqualTo(0.1);
        assertThat(w.retryMaxTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(w.dropOnRetriesExhausted()).isTrue();
        assertThat(w.seriesTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(w.headers()).isEqualTo(Map.of("X-Scope-OrgID", "team-a"));
        assertThat(w.bearerTokenFile()).isEqualTo("/run/token");
        assertThat(w.tlsCaFile()).isEqualTo("/tls/ca.pem");
        assertThat(w.tlsCertFile()).isEqualTo("/tls/c.pem");
        assertThat(w.tlsKeyFile()).isEqualTo("/tls/c.key");
        // the sink's builder takes them all and validates
        assertThat(w.sinkBuilder().build()).isNotNull();
    }

    @Test
    void everyRemoteWriteKeyFromTheFile() throws Exception {
        assertRemoteWrite(JobConfigYaml.read(REMOTE_WRITE, "t.yaml").build().remoteWrite());
    }

    @Test
    void everyRemoteWriteKeyFromItsFlag() {
        JobConfig c =
                flags(
                        "--rules",
                        "r",
                        "--remote-write-url",
                        "https://mimir/api/v1/push",
                        "--remote-write-max-batch-samples",
                        "100",
                        "--remote-write-max-batch-bytes",
                        "64kb",
                        "--remote-write-max-batch-delay",
                        "200ms",
                        "--remote-write-max-queued-batches",
                        "3",
                        "--remote-write-max-concurrent-requests",
                        "2",
                        "--remote-write-request-timeout",
                        "5s",
                        "--remote-write-retry-initial-backoff",
                        "50ms",
                        "--remote-write-retry-max-backoff",
                        "2s",
                        "--remote-write-retry-jitter",
                        "0.1",
                        "--remote-write-retry-max-time",
                        "1m",
                        "--remote-write-drop-on-retries-exhausted",
                        "--remote-write-series-ttl",
                        "1h",
                        "--remote-write-header",
                        "X-Scope-OrgID: team-a",
                        "--remote-write-bearer-token-file",
                        "/run/token",
                        "--remote-write-tls-ca-file",
                        "/tls/ca.pem",
                        "--remote-write-tls-cert-file",
                        "/tls/c.pem",
                        "--remote-write-tls-key-file",
                        "/tls/c.key");
        assertRemoteWrite(c.remoteWrite());
    }

    @Test
    void bearerTokenAndBasicAuthOfTheSinkFromFlags() {
        RemoteWriteSection w =
                flags(
                                "--rules", "r",
                                "--remote-write-url", "http://p/api/v1/write",
                                "--remote-write-basic-auth-username", "u",
                                "--remote-write-basic-auth-password-file", "/pw")
                        .remoteWrite();
        assertThat(w.basicAuthUsername()).isEqualTo("u");
        assertThat(w.basicAuthPasswordFile()).isEqualTo("/pw");
        assertThat(
                        flags("--rules", "r", "--bearer-token-file", "/t")
                                .direct()
                                .connectorConfig()
                                .bearerTokenFile())
                .isEqualTo("/t");
    }

    /** A bad file and the message it gets: naming the key and the value. */
    private static final String[][] BAD = {
        {
            "source: {direct: {auth: {token-file: /t}}}",
            "unknown key(s) [source.direct.auth.token-file]"
        },
        {
            "source: {direct: {auth: {basic-auth: {username: u, password: p}}}}",
            "unknown key(s) [source.direct.auth.basic-auth.password]"
        },
        {
            "source: {direct: {auth: {basic-auth: {username: u}}}}",
            "needs a password-file beside username 'u'"
        },
        {
            "source: {direct: {tls: {cert-file: /c}}}",
            "source.direct.tls needs both cert-file and key-file"
        },
        {"source: {direct: {tls: {cert: /c}}}", "unknown key(s) [source.direct.tls.cert]"},
        {
            "source: {direct: {max-body-size: lots}}",
            "source.direct.max-body-size: 'lots' is not a size"
        },
        {"source: {direct: {max-body-size: 3gb}}", "source.direct.max-body-size must be under 2gb"},
        {
            "source: {direct: {max-body-size: 10}}",
            "source.direct: max body bytes must be >= 1024, got 10"
        },
        {
            "source: {direct: {read-header-timeout: soon}}",
            "source.direct.read-header-timeout: not a duration"
        },
        {
            "source: {direct: {graphite: {templates: ['a.* host x y z']}}}",
            "source.direct: graphite"
        },
        {
            "source: {direct: {auth: {bearer-token-file: /t, basic-auth: {username: u, password-file: /p}}}}",
            "source.direct: choose a bearer token file or basic auth, not both"
        },
        {
            "remote-write: {urls: [http://x/w], basic-auth: {username: u}}",
            "remote-write.basic-auth needs a password-file"
        },
        {
            "remote-write: {urls: [http://x/w], tls: {ca-file: /ca.pem}}",
            "remote-write: TLS settings need an https:// url"
        },
        {
            "remote-write: {urls: [http://x/w], retry: {jitter: 2}}",
            "remote-write: retry jitter must be in [0, 1), got 2.0"
        },
        {"remote-write: {urls: [http://x/w], headers: {Content-Type: x}}", "cannot be overridden"},
        {"remote-write: {password: secret}", "unknown key(s) [remote-write.password]"},
        {
            "remote-write: {drop-on-retries-exhausted: yes-please}",
            "remote-write.drop-on-retries-exhausted must be true or false"
        },
    };

    @Test
    void rejectsWithAMessageNamingTheKey() {
        for (String[] c : BAD) {
            assertThatThrownBy(
                            () -> JobConfigYaml.read("rules: {path: r}\n" + c[0], "t.yaml").build())
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void noFlagTakesASecretValue() {
        CommandLine cl = new CommandLine(new JobConfigOptions());
        List<String> names =
                cl.getCommandSpec().options().stream()
                        .flatMap(o -> java.util.Arrays.stream(o.names()))
                        .toList();
        assertThat(names)
                .filteredOn(n -> n.contains("token") || n.contains("password"))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n).endsWith("-file"));
    }

    private static JobConfig flags(String... args) {
        JobConfigOptions options = new JobConfigOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig();
    }
}
