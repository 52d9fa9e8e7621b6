package io.condenser.connectors.direct.net;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port: the JDK's built-in {@code com.sun.net.httpserver} server. It ships with every JDK
 * (no dependency to shade or to clash with Flink's), does HTTP/1.1 keep-alive and HTTPS, takes our
 * own bounded executor, and lets a response be sent later from another thread, which the
 * on-checkpoint acknowledgement needs. Agents send few, large requests (Telegraf: one per flush
 * interval, Prometheus: a few shards), so a thread-per-request server is plenty; the benchmark in
 * docs/benchmarks.md measures it.
 */
final class HttpListener extends Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    private HttpListener(
            HttpServer server, ExecutorService workers, ScheduledExecutorService timer) {
        this.server = server;
        this.workers = workers;
        this.timer = timer;
    }

    static HttpListener start(DirectSourceConfig config) throws IOException {
        InetSocketAddress address =
                new InetSocketAddress(config.bindAddress(), config.port(Protocol.HTTP));
        HttpServer server;
        try {
            if (config.tls() == null) {
                server = HttpServer.create(address, BACKLOG);
            } else {
                HttpsServer https = HttpsServer.create(address, BACKLOG);
                https.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.server(config.tls())));
                server = https;
            }
        } catch (IOException e) {
            throw new IOException(
                    "cannot listen for http on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService workers =
                Executors.newFixedThreadPool(config.httpThreads(), daemon("condenser-http-"));
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(daemon("condenser-http-timer-"));
        HttpListener listener = new HttpListener(server, workers, timer);
        server.setExecutor(workers);
        server.createContext("/", new HttpRouter(listener, config, workers, timer));
        server.start();
        LOG.info("direct source: http listening on {}", server.getAddress());
        return listener;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    Protocol protocol() {
        return Protocol.HTTP;
    }

    @Override
    void close() {
        // up to a second for held responses being answered 503 to go out
        server.stop(1);
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("direct source: http stopped listening");
    }
}
