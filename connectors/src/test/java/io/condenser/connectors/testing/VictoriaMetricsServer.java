package io.condenser.connectors.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's VictoriaMetrics single-node: accepts Influx line protocol on {@code /write} and
 * remote-write on {@code /api/v1/write}; {@link #export(String)} reads back the raw samples it
 * stored.
 */
public final class VictoriaMetricsServer extends ExternalServer {

    public VictoriaMetricsServer(Path dataDir) {
        super(dataDir);
    }

    @Override
    protected List<String> command(int port) {
        return List.of(
                "victoria-metrics",
                "-httpListenAddr=127.0.0.1:" + port,
                "-storageDataPath=" + dataDir.resolve("storage"),
                "-retentionPeriod=100y",
                // Tests read back what they just wrote: no query cache, no latency offset.
                "-search.disableCache",
                "-search.latencyOffset=0s",
                "-loggerLevel=INFO");
    }

    @Override
    protected String readinessPath() {
        return "/health";
    }

    public String remoteWriteUrl() {
        return baseUrl() + "/api/v1/write";
    }

    /** Makes recently ingested samples searchable (VictoriaMetrics buffers them for ~1 s). */
    public void flush() throws IOException, InterruptedException {
        get("/internal/force_flush");
    }

    /**
     * Every stored sample of the series matching a selector, one JSON object per series and line
     * ({@code {"metric":{...},"values":[...],"timestamps":[...]}}).
     */
    public String export(String selector) throws IOException, InterruptedException {
        flush();
        return get(
                "/api/v1/export?match[]="
                        + java.net.URLEncoder.encode(
                                selector, java.nio.charset.StandardCharsets.UTF_8)
                        + "&start=0");
    }
}
