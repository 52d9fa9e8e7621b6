package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.util.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections on one port and gives each to the next reader round-robin, on its own
 * thread. Blocking I/O with a thread per connection keeps backpressure trivial (a thread blocked on
 * a full queue stops reading, and TCP flow control reaches the agent); agents keep few long-lived
 * connections, and {@code maxConnections} bounds the threads.
 */
final class TcpListener extends Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BACKLOG = 1024;

    private final DirectSourceConfig config;
    private final Protocol protocol;
    private final ServerSocket server;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;
    private final RateLimitedLog noReader = new RateLimitedLog(LOG, 10_000);

    private TcpListener(DirectSourceConfig config, Protocol protocol, ServerSocket server) {
        this.config = config;
        this.protocol = protocol;
        this.server = server;
    }

    /**
     * Binds and starts accepting with {@code first} already joined: a connection accepted before
     * any reader had joined would have nowhere to go (an agent retrying its connect while the job
     * starts is accepted the moment the port opens).
     *
     * @throws ListenerBindException when the port cannot be bound or the TLS key pair cannot be
     *     read
     */
    static TcpListener start(DirectSourceConfig config, Protocol protocol, Inbox first) {
        String address = config.bindAddress();
        int port = config.port(protocol);
        ServerSocket server;
        try {
            server =
                    config.tls() == null
                            ? new ServerSocket()
                            : TlsContexts.jdk(config.tls())
                                    .getServerSocketFactory()
                                    .createServerSocket();
        } catch (IllegalArgumentException | IOException e) {
            throw ListenerBindException.cannotStart(address, port, protocol, e.getMessage(), e);
        }
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port), BACKLOG);
        } catch (IOException e) {
            closeQuietly(server);
            throw ListenerBindException.bind(address, port, protocol, e);
        }
        TcpListener listener = new TcpListener(config, protocol, server);
        listener.add(first);
        Thread acceptor =
                new Thread(listener::acceptLoop, "condenser-" + protocol.id() + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info(
                "direct source: {} listening on {}", protocol.id(), server.getLocalSocketAddress());
        return listener;
    }

    @Override
    Protocol protocol() {
        return protocol;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("direct source: accept failed on {}", protocol.id(), e);
                }
                continue;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        Inbox inbox = nextInbox();
        if (inbox == null || open.get() >= config.maxConnections()) {
            if (inbox == null) {
                // every reader is leaving (the job stops or restarts): the agent reconnects
                noReader.warn(
                        "direct source: closed a connection from {}: no reader is serving {}",
                        socket.getRemoteSocketAddress(),
                        protocol.id());
            } else {
                inbox.metrics().connectionRefused();
                inbox.log()
                        .warn(
                                "direct source: refused a connection from "
                                        + socket.getRemoteSocketAddress()
                                        + ": "
                                        + config.maxConnections()
                                        + " connections open");
            }
            closeQuietly(socket);
            return;
        }
        open.incrementAndGet();
        TcpConnection connection =
                new TcpConnection(socket, inbox, protocol, open::decrementAndGet);
        Thread t = new Thread(connection, "condenser-" + protocol.id() + "-" + socket.getPort());
        t.setDaemon(true);
        t.start();
    }

    @Override
    void close() {
        closed = true;
        closeQuietly(server);
        LOG.info("direct source: {} stopped listening", protocol.id());
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing to do on the way out
        }
    }
}
