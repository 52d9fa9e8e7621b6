package io.condenser.jobs.acceptance;

import io.condenser.connectors.testing.ExternalServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of one {@code ./condenser run}: every port a free loopback one (so a run never meets
 * another developer's or CI job's), the rules and where the output goes. Tests add what they
 * exercise with {@link #extra}.
 */
public final class LocalRunSpec {

    public final int linePort;
    public final int httpPort;
    public final int graphitePort;
    public final int webPort;
    public final int metricsPort;
    private final Path rules;
    private String remoteWriteUrl;
    private String checkpointDir;
    private final List<String> extra = new ArrayList<>();

    public LocalRunSpec(Path rules) throws IOException {
        this.rules = rules;
        this.linePort = ExternalServer.freePort();
        this.httpPort = ExternalServer.freePort();
        this.graphitePort = ExternalServer.freePort();
        this.webPort = ExternalServer.freePort();
        this.metricsPort = ExternalServer.freePort();
    }

    public LocalRunSpec remoteWrite(String url) {
        this.remoteWriteUrl = url;
        return this;
    }

    /** Checkpoints there (default: beside the rules file). */
    public LocalRunSpec checkpointDir(String uri) {
        this.checkpointDir = uri;
        return this;
    }

    public LocalRunSpec extra(String... args) {
        extra.addAll(List.of(args));
        return this;
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** {@code run} and its flags. */
    public String[] args() {
        List<String> a = new ArrayList<>(List.of("run"));
        a.addAll(
                List.of(
                        "--rules", rules.toString(),
                        "--line-protocol-port", Integer.toString(linePort),
                        "--http-port", Integer.toString(httpPort),
                        "--graphite-port", Integer.toString(graphitePort),
                        "--web-port", Integer.toString(webPort),
                        "--metrics-port", Integer.toString(metricsPort),
                        "--checkpoint-dir",
                                checkpointDir != null
                                        ? checkpointDir
                                        : rules.getParent()
                                                .resolve("checkpoints")
                                                .toUri()
                                                .toString()));
        if (remoteWriteUrl != null) {
            a.addAll(List.of("--remote-write-url", remoteWriteUrl));
        }
        a.addAll(extra);
        return a.toArray(String[]::new);
    }
}
