package io.condenser.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Prometheus 2.42 with the remote-write receiver on ({@code /api/v1/write}), an
 * out-of-order window of zero (the default: what users run) and the given extra config (scrape
 * jobs, remote_write sections).
 */
public final class PrometheusServer extends ExternalServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String extraConfig;
    private Secured secured;

    /**
     * Prometheus' web configuration ({@code --web.config.file}): TLS and basic auth on every
     * endpoint, remote-write receiver included.
     *
     * @param webConfig the file's YAML ({@code tls_server_config}, {@code basic_auth_users})
     * @param client trusts the server's CA (and presents a client certificate if required)
     * @param authorization the {@code Authorization} header of the test's own requests
     */
    public record Secured(String webConfig, HttpClient client, String authorization) {

        /**
         * TLS with the test CA's server certificate, a client certificate required, and one
         * basic-auth user (bcrypt hash by {@code htpasswd}, apache2-utils); the test's own client
         * presents the client certificate and the credentials.
         */
        public static Secured mutualTlsAndBasicAuth(
                TestCertificates certs, String user, String password) throws IOException {
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
                            + "  "
                            + user
                            + ": '"
                            + bcrypt(user, password)
                            + "'\n";
            HttpClient client =
                    HttpClient.newBuilder()
                            .sslContext(certs.clientContext(true))
                            .connectTimeout(java.time.Duration.ofSeconds(5))
                            .build();
            String authorization =
                    "Basic "
                            + java.util.Base64.getEncoder()
                                    .encodeToString(
                                            (user + ":" + password)
                                                    .getBytes(StandardCharsets.UTF_8));
            return new Secured(webConfig, client, authorization);
        }

        private static String bcrypt(String user, String password) throws IOException {
            Process p =
                    new ProcessBuilder("htpasswd", "-nbB", user, password)
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("htpasswd failed: " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return out.strip().substring(user.length() + 1);
        }
    }

    public PrometheusServer(Path dataDir) {
        this(dataDir, "");
    }

    /** Serves https with the given web configuration. */
    public PrometheusServer secured(Secured s) {
        this.secured = s;
        return this;
    }

    @Override
    protected HttpClient client() {
        return secured == null ? super.client() : secured.client();
    }

    @Override
    protected HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = super.request(path);
        return secured == null ? b : b.header("Authorization", secured.authorization());
    }

    @Override
    public String baseUrl() {
        return secured == null ? super.baseUrl() : "https://127.0.0.1:" + port;
    }

    /**
     * @param extraConfig YAML appended to the config file (e.g. scrape_configs, remote_write)
     */
    public PrometheusServer(Path dataDir, String extraConfig) {
        super(dataDir);
        this.extraConfig = extraConfig;
    }

    @Override
    protected List<String> command(int port) {
        Path config = dataDir.resolve("prometheus.yml");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(
                    config,
                    "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n" + extraConfig);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(
                                "prometheus",
                                "--config.file=" + config,
                                "--storage.tsdb.path=" + dataDir.resolve("tsdb"),
                                "--web.listen-address=127.0.0.1:" + port,
                                "--web.enable-remote-write-receiver",
                                "--web.enable-admin-api",
                                "--log.level=info"));
        if (secured != null) {
            Path web = dataDir.resolve("web.yml");
            try {
                Files.writeString(web, secured.webConfig());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            cmd.add("--web.config.file=" + web);
        }
        return cmd;
    }

    @Override
    protected String readinessPath() {
        return "/-/ready";
    }

    public String remoteWriteUrl() {
        return baseUrl() + "/api/v1/write";
    }

    /** An instant query at a time (seconds, fractional allowed); returns {@code data.result}. */
    public JsonNode query(String promql, double timeSeconds)
            throws IOException, InterruptedException {
        String body =
                get(
                        "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                                + "&time="
                                + timeSeconds);
        return JSON.readTree(body).path("data").path("result");
    }

    /** A range query; returns {@code data.result} (a matrix). */
    public JsonNode queryRange(String promql, double start, double end, double stepSeconds)
            throws IOException, InterruptedException {
        String body =
                get(
                        "/api/v1/query_range?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                                + "&start="
                                + start
                                + "&end="
                                + end
                                + "&step="
                                + stepSeconds);
        return JSON.readTree(body).path("data").path("result");
    }
}
