package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.direct.DirectClients;
import io.condenser.connectors.direct.RawHttp;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.connectors.testing.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network edge as users meet it: {@code ./condenser run --config FILE} as a process (the
 * launcher, the shaded jar), written to by real clients: curl and python3-influxdb over HTTP with
 * and without gzip, gzip line protocol over TCP, collectd's write_graphite with a host template, a
 * request cut off beside a good one, bodies over the limit, an unsupported encoding; then TLS with
 * a CA made for the test on every listener with a bearer token, the job remote-writing through TLS,
 * a client certificate and basic auth into Prometheus. Unmatched input is forwarded, so what
 * arrived is visible on stdout (or in Prometheus) with its labels.
 */
class RunIngestITCase {

    private static final String PYTHON = "/usr/bin/python3"; // Debian's, with python3-influxdb

    /** A rule that matches nothing here: every sample goes out as it came in. */
    private static final String RULES =
            """
            rules:
              - name: nothing
                match: condenser_itcase_nothing
                interval: 10s
                by: []
                outputs: [sum_samples]
            """;

    @TempDir Path dir;

    record Result(int exit, String out) {}

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void plainHttpTcpAndGraphiteFromRealClientsWithBasicAuth() throws Exception {
        int lp = ExternalServer.freePort();
        int http = ExternalServer.freePort();
        int graphite = ExternalServer.freePort();
        Path password = Files.writeString(dir.resolve("password"), "telegraf-pw\n");
        Path config =
                config(
                        """
                        source:
                          type: direct
                          direct:
                            bind-address: 127.0.0.1
                            line-protocol-port: %d
                            http-port: %d
                            graphite-port: %d
                            max-body-size: 64kb
                            http-threads: 1
                            read-header-timeout: 5m
                            read-body-timeout: 5m
                            auth:
                              basic-auth: {username: telegraf, password-file: %s}
                            graphite:
                              templates: ["collectd.* .host.measurement.field*"]
                        """
                                .formatted(lp, http, graphite, password));
        try (LaunchedRun run =
                LaunchedRun.start(dir.resolve("run"), "--config", config.toString())) {
            awaitReady(run, "http://127.0.0.1:" + http, HttpClient.newHttpClient());
            String base = "http://127.0.0.1:" + http;
            long now = System.currentTimeMillis();

            // curl, no credentials: 401 with a Basic challenge; with them: 204, plain and gzip
            Path headers = dir.resolve("headers.txt");
            assertThat(curl("-D", headers.toString(), "--data-binary", "x v=1", base + "/write"))
                    .isEqualTo("401");
            assertThat(Files.readString(headers)).containsIgnoringCase("WWW-Authenticate: Basic");
            assertThat(
                            curl(
                                    "-u",
                                    "telegraf:telegraf-pw",
                                    "--data-binary",
                                    "curl_plain,host=c1 value=1 " + now,
                                    base + "/write?db=telegraf&precision=ms"))
                    .isEqualTo("204");
            Path gz = dir.resolve("body.gz");
            Files.write(gz, DirectClients.gzip("curl_gzip,host=c2 value=2 " + now + "\n"));
            assertThat(
                            curl(
                                    "-u",
                                    "telegraf:telegraf-pw",
                                    "-H",
                                    "Content-Encoding: gzip",
                                    "--data-binary",
                                    "@" + gz,
                                    base + "/api/v2/write?org=o&bucket=b&precision=ms"))
                    .isEqualTo("204");
            assertThat(
                            curl(
                                    "-u",
                                    "telegraf:telegraf-pw",
                                    "-H",
                                    "Content-Encoding: br",
                                    "--data-binary",
                                    "x v=1",
                                    base + "/write"))
                    .isEqualTo("415");
            Path big = dir.resolve("big.txt");
            Files.writeString(big, ("big,host=b value=1 " + now + "\n").repeat(4000));
            assertThat(
                            curl(
                                    "-u",
                                    "telegraf:telegraf-pw",
                                    "--data-binary",
                                    "@" + big,
                                    base + "/write?precision=ms"))
                    .as("a 100 KB body over a 64 KB limit is answered, not reset")
                    .isEqualTo("413");

            // python3-influxdb (InfluxDBClient), with and without gzip; a wrong password fails
            assertThat(influx(http, "telegraf-pw", false, "py_plain", now).out()).contains("ok");
            assertThat(influx(http, "telegraf-pw", true, "py_gzip", now).out()).contains("ok");
            assertThat(influx(http, "wrong", false, "py_wrong", now).out()).contains("error 401");

            // Telegraf's socket_writer with content_encoding = "gzip": a gzip member per metric
            try (DirectClients.SocketWriter w = new DirectClients.SocketWriter(lp, true)) {
                w.write("tcp_gzip,host=t1 value=3 " + now * 1_000_000 + "\n");
                w.write("tcp_gzip,host=t2 value=4 " + now * 1_000_000 + "\n");
            }

            // 20 requests cut off half-way (headers, bodies) beside a good one
            List<RawHttp> stalled = new ArrayList<>();
            long goodMs;
            try {
                for (int i = 0; i < 10; i++) {
                    stalled.add(new RawHttp(http).send("POST /write HTTP/1.1\r\nHost: x\r\nAuth"));
                    stalled.add(
                            new RawHttp(http).send(RawHttp.post("/write", "", 500) + "half 1 1"));
                }
                long start = System.nanoTime();
                assertThat(
                                curl(
                                        "-u",
                                        "telegraf:telegraf-pw",
                                        "--data-binary",
                                        "beside_half_open,host=g value=5 " + now,
                                        base + "/write?precision=ms"))
                        .isEqualTo("204");
                goodMs = (System.nanoTime() - start) / 1_000_000;
            } finally {
                for (RawHttp s : stalled) {
                    s.close();
                }
            }
            System.out.println(
                    "./condenser run: good request beside 20 half-open answered in "
                            + goodMs
                            + " ms");
            assertThat(goodMs)
                    .as("generous bound; it must not wait for a clock")
                    .isLessThan(20_000);

            // collectd (Debian) writing Graphite; the template makes its host a label
            try (Collectd collectd = Collectd.start(dir.resolve("collectd"), graphite)) {
                String line =
                        run.awaitLine(
                                "collectd's load via the host template",
                                l -> l.startsWith("load_load_shortterm{host=\"edgetest\"} "),
                                120);
                assertThat(line).matches("load_load_shortterm\\{host=\"edgetest\"} \\S+ \\d+");
            }

            for (String series :
                    List.of(
                            "curl_plain_value{host=\"c1\"} 1 ",
                            "curl_gzip_value{host=\"c2\"} 2 ",
                            "py_plain_value{host=\"p1\"} 1 ",
                            "py_gzip_value{host=\"p1\"} 1 ",
                            "tcp_gzip_value{host=\"t1\"} 3 ",
                            "tcp_gzip_value{host=\"t2\"} 4 ",
                            "beside_half_open_value{host=\"g\"} 5 ")) {
                run.awaitLine(series, l -> l.startsWith(series), 60);
            }
            assertThat(run.stdout()).doesNotContain("py_wrong").doesNotContain("big_value");
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void tlsEverywhereBearerTokenAndSecuredRemoteWrite() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
        Path token = Files.writeString(dir.resolve("token"), "ingest-token-1\n");
        Path rwPassword = Files.writeString(dir.resolve("rw-password"), "rw-pw\n");
        SSLContext trusting = certs.clientContext(false);
        try (PrometheusServer prometheus =
                new PrometheusServer(dir.resolve("prometheus"))
                        .secured(
                                PrometheusServer.Secured.mutualTlsAndBasicAuth(
                                        certs, "condenser", "rw-pw"))) {
            prometheus.start();
            int lp = ExternalServer.freePort();
            int http = ExternalServer.freePort();
            int graphite = ExternalServer.freePort();
            Path config =
                    config(
                            """
                            source:
                              type: direct
                              direct:
                                bind-address: 127.0.0.1
                                line-protocol-port: %d
                                http-port: %d
                                graphite-port: %d
                                auth: {bearer-token-file: %s}
                                tls: {cert-file: %s, key-file: %s}
                            remote-write:
                              urls: [%s]
                              max-batch-delay: 200ms
                              basic-auth: {username: condenser, password-file: %s}
                              tls: {ca-file: %s, cert-file: %s, key-file: %s}
                            """
                                    .formatted(
                                            lp,
                                            http,
                                            graphite,
                                            token,
                                            certs.serverCert,
                                            certs.serverKey,
                                            prometheus.remoteWriteUrl(),
                                            rwPassword,
                                            certs.caCert,
                                            certs.clientCert,
                                            certs.clientKey));
            try (LaunchedRun run =
                    LaunchedRun.start(dir.resolve("run"), "--config", config.toString())) {
                String base = "https://127.0.0.1:" + http;
                awaitReady(run, base, HttpClient.newBuilder().sslContext(trusting).build());
                long now = System.currentTimeMillis();
                String ca = certs.caCert.toString();
                Path headers = dir.resolve("headers.txt");
                assertThat(
                                curl(
                                        "--cacert",
                                        ca,
                                        "-D",
                                        headers.toString(),
                                        "--data-binary",
                                        "x v=1",
                                        base + "/write"))
                        .as("no token")
                        .isEqualTo("401");
                assertThat(Files.readString(headers))
                        .containsIgnoringCase("WWW-Authenticate: Bearer");
                assertThat(
                                curl(
                                        "--cacert",
                                        ca,
                                        "-H",
                                        "Authorization: Bearer ingest-token-2",
                                        "--data-binary",
                                        "x v=1",
                                        base + "/write"))
                        .as("wrong token")
                        .isEqualTo("401");
                assertThat(
                                curl(
                                        "--cacert",
                                        ca,
                                        "-H",
                                        "Authorization: Bearer ingest-token-1",
                                        "--data-binary",
                                        "tls_curl,host=c value=1 " + now,
                                        base + "/write?precision=ms"))
                        .isEqualTo("204");
                assertThat(
                                curl(
                                        "--cacert",
                                        ca,
                                        "-H",
                                        "Authorization: Token ingest-token-1",
                                        "--data-binary",
                                        "tls_influx2,host=c value=2 " + now,
                                        base + "/api/v2/write?precision=ms"))
                        .as("Influx v2's Token scheme")
                        .isEqualTo("204");
                Result untrusted =
                        cmd(List.of("curl", "-s", "--data-binary", "x", base + "/write"));
                assertThat(untrusted.exit())
                        .as("curl without the CA: 60, cannot verify")
                        .isEqualTo(60);

                // line protocol (gzip) and Graphite over TLS, as socket_writer with tls_ca sends
                try (SSLSocket s =
                        (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", lp)) {
                    s.getOutputStream()
                            .write(
                                    DirectClients.gzip(
                                            "tls_tcp,host=t value=3 " + now * 1_000_000 + "\n"));
                    s.getOutputStream().flush();
                }
                try (SSLSocket s =
                        (SSLSocket)
                                trusting.getSocketFactory().createSocket("127.0.0.1", graphite)) {
                    OutputStream out = s.getOutputStream();
                    out.write(("tls.graphite.value 4 " + now / 1000 + "\n").getBytes());
                    out.flush();
                }

                // Prometheus remote-writing into the source as docs/connectors.md shows it:
                // authorization.credentials_file and tls_config.ca_file
                int senderPort = ExternalServer.freePort();
                try (PrometheusServer sender =
                        new PrometheusServer(
                                dir.resolve("sender"),
                                "scrape_configs:\n"
                                        + "  - job_name: sender\n"
                                        + "    static_configs: [{targets: ['127.0.0.1:"
                                        + senderPort
                                        + "']}]\n"
                                        + "remote_write:\n"
                                        + "  - url: "
                                        + base
                                        + "/api/v1/write\n"
                                        + "    authorization: {credentials_file: "
                                        + token
                                        + "}\n"
                                        + "    tls_config: {ca_file: "
                                        + ca
                                        + "}\n"
                                        + "    queue_config: {batch_send_deadline: 1s,"
                                        + " min_backoff: 100ms}\n")) {
                    sender.start(senderPort);
                    run.await(
                            "the sending Prometheus' up{job=\"sender\"}, through the source,"
                                    + " in the receiving Prometheus",
                            () -> present(prometheus, "up{job=\"sender\"}", now),
                            120);
                }

                for (String series :
                        List.of(
                                "tls_curl_value",
                                "tls_influx2_value",
                                "tls_tcp_value",
                                "tls_graphite_value")) {
                    run.await(
                            series + " in Prometheus (https, client certificate, basic auth)",
                            () -> present(prometheus, series, now),
                            120);
                }
            }
        }
    }

    private static boolean present(PrometheusServer prometheus, String series, long now) {
        try {
            JsonNode r = prometheus.query(series + "[10m]", now / 1000.0 + 60);
            return r.size() > 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private Path config(String direct) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("rules.yaml"), RULES);
        Path file = dir.resolve("condenser.yaml");
        Files.writeString(
                file,
                direct
                        + "rules: {path: "
                        + rules
                        + ", poll-interval: 1s}\n"
                        + "unmatched-input: forward\n"
                        + "checkpoints: {interval: 2s, dir: "
                        + dir.resolve("checkpoints").toUri()
                        + "}\n"
                        + "parallelism: 1\n");
        return file;
    }

    private static void awaitReady(LaunchedRun run, String base, HttpClient client)
            throws Exception {
        run.await(
                "the HTTP listener (/-/ready)",
                () -> {
                    try {
                        return client.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(base + "/-/ready"))
                                                        .timeout(Duration.ofSeconds(2))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                },
                180);
    }

    /** curl's status code for a request (curl prints it with -w). */
    private static String curl(String... args) throws Exception {
        List<String> c =
                new ArrayList<>(
                        List.of(
                                "curl",
                                "-s",
                                "-o",
                                "/dev/null",
                                "-w",
                                "%{http_code}",
                                "--max-time",
                                "60"));
        c.addAll(List.of(args));
        Result r = cmd(c);
        return r.out().strip();
    }

    /** python3-influxdb writing one point, printing "ok" or "error <status>". */
    private Result influx(int port, String password, boolean gzip, String measurement, long nowMs)
            throws Exception {
        Path script = dir.resolve("influx_write.py");
        Files.writeString(
                script,
                """
                import sys
                from influxdb import InfluxDBClient
                from influxdb.exceptions import InfluxDBClientError
                port, password, gzip, measurement, now = sys.argv[1:6]
                client = InfluxDBClient("127.0.0.1", int(port), "telegraf", password, "telegraf",
                                        gzip=(gzip == "1"), timeout=30, retries=1)
                try:
                    client.write_points([{"measurement": measurement, "tags": {"host": "p1"},
                                          "time": int(now), "fields": {"value": 1.0}}],
                                        time_precision="ms")
                    print("ok")
                except InfluxDBClientError as e:
                    print("error", e.code)
                """);
        return cmd(
                List.of(
                        PYTHON,
                        script.toString(),
                        Integer.toString(port),
                        password,
                        gzip ? "1" : "0",
                        measurement,
                        Long.toString(nowMs)));
    }

    private static Result cmd(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * Debian's collectd in the foreground with a config written here: the load plugin every second,
     * write_graphite to the job on loopback, hostname {@code edgetest}. Stopped by its PID.
     */
    static final class Collectd implements AutoCloseable {
        private final Process process;

        private Collectd(Process process) {
            this.process = process;
        }

        static Collectd start(Path dir, int graphitePort) throws IOException {
            Files.createDirectories(dir);
            Path conf = dir.resolve("collectd.conf");
            Files.writeString(
                    conf,
                    """
                    Hostname "edgetest"
                    FQDNLookup false
                    BaseDir "%1$s"
                    PIDFile "%1$s/collectd.pid"
                    TypesDB "/usr/share/collectd/types.db"
                    Interval 1
                    LoadPlugin load
                    LoadPlugin write_graphite
                    <Plugin write_graphite>
                      <Node "condenser">
                        Host "127.0.0.1"
                        Port "%2$d"
                        Protocol "tcp"
                        Prefix "collectd."
                        EscapeCharacter "_"
                        StoreRates true
                        AlwaysAppendDS false
                      </Node>
                    </Plugin>
                    """
                            .formatted(dir, graphitePort));
            Process p =
                    new ProcessBuilder(
                                    Files.isExecutable(Path.of("/usr/sbin/collectd"))
                                            ? "/usr/sbin/collectd"
                                            : "collectd",
                                    "-f",
                                    "-C",
                                    conf.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("collectd.log").toFile())
                            .start();
            return new Collectd(p);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
