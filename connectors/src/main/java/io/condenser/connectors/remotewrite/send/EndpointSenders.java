package io.condenser.connectors.remotewrite.send;

import io.condenser.connectors.remotewrite.RemoteWriteConfig;
import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.condenser.connectors.remotewrite.http.RemoteWriteHttpClient;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Builds one {@link BatchSender} per configured endpoint. */
public final class EndpointSenders {

    private EndpointSenders() {}

    public static List<BatchSender> create(RemoteWriteConfig config, RemoteWriteMetrics metrics)
            throws IOException {
        List<BatchSender> senders = new ArrayList<>();
        for (EndpointConfig e : config.endpoints()) {
            RemoteWriteHttpClient client =
                    new RemoteWriteHttpClient(e, config.requestTimeout(), config.userAgent());
            senders.add(
                    new BatchSender(
                            client,
                            config.retryPolicy(),
                            config.dropOnRetriesExhausted(),
                            metrics.endpoint(metricName(e))));
        }
        return senders;
    }

    /** {@code host:port} (plus path when two endpoints share a host). */
    static String metricName(EndpointConfig e) {
        URI u = URI.create(e.url());
        int port = u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
        return u.getHost() + ":" + port + (u.getPath() == null ? "" : u.getPath());
    }
}
