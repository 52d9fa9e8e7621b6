package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
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

    private TcpListener(DirectSourceConfig config, Protocol protocol, ServerSocket server) {
        this.config = config;
        this.protocol = protocol;
        this.server = server;
    }

    /**
     * @throws ListenerBindException when the port cannot be bound or the TLS key pair cannot be
     *     read
     */
    static TcpListener start(DirectSourceConfig config, Protocol protocol) {
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
            if (inbox != null) {
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
