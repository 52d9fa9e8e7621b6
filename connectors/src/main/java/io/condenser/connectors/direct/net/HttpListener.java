package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.util.RateLimitedLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port: Netty's HTTP/1.1 codec on a small event loop, which reads every connection without
 * a thread per connection, so clients that stall mid-request cannot hold the threads other clients
 * need (the JDK's built-in server blocks a pool thread per request body and has no per-request read
 * timeout). Bodies are read on the event loop under a byte budget and parsed on {@code httpThreads}
 * parser threads; a response may be written later from any thread, which the on-checkpoint
 * acknowledgement needs.
 *
 * <p>A request's headers must arrive within {@code readHeaderTimeout} of its first byte and its
 * body within {@code readBodyTimeout} of its headers (else 408 and close); a connection quiet
 * between requests closes after {@code idleTimeout}; connections beyond {@code maxConnections} get
 * 503 with Retry-After on their first request.
 */
final class HttpListener extends Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    private static final int BACKLOG = 1024;

    /** Event loop threads: reading sockets is cheap, parsing is on the parser threads. */
    private static final int IO_THREADS = 2;

    /** Request line and headers: Telegraf and Prometheus send a few hundred bytes. */
    private static final int MAX_INITIAL_LINE = 8 * 1024;

    private static final int MAX_HEADER_SIZE = 16 * 1024;

    private final DirectSourceConfig config;
    private final EventLoopGroup loops;
    private final ThreadPoolExecutor workers;
    private final ChannelGroup channels;
    private final ByteBudget budget;
    private final RateLimitedLog log;
    private final AtomicInteger open = new AtomicInteger();
    private HttpRouter router;
    private Channel server;

    private HttpListener(DirectSourceConfig config) {
        this.config = config;
        this.loops =
                new MultiThreadIoEventLoopGroup(
                        IO_THREADS,
                        new DefaultThreadFactory("condenser-http-io", true),
                        NioIoHandler.newFactory());
        this.workers =
                new ThreadPoolExecutor(
                        config.httpThreads(),
                        config.httpThreads(),
                        30,
                        TimeUnit.SECONDS,
                        // bounded in effect: a connection has one request in flight and
                        // maxConnections bounds the connections; the bytes are in the budget
                        new LinkedBlockingQueue<>(),
                        new DefaultThreadFactory("condenser-http-parse", true));
        this.channels = new DefaultChannelGroup("condenser-http", GlobalEventExecutor.INSTANCE);
        this.budget = new ByteBudget(config.maxBufferedBytes());
        this.log = new RateLimitedLog(LoggerFactory.getLogger(HttpListener.class), 10_000);
    }

    /**
     * @throws ListenerBindException when the port cannot be bound or the TLS key pair or a
     *     credentials file cannot be read
     */
    static HttpListener start(DirectSourceConfig config, Inbox first) {
        String address = config.bindAddress();
        int port = config.port(Protocol.HTTP);
        HttpListener listener = new HttpListener(config);
        // joined before the port opens, so the first request has a reader to go to
        listener.add(first);
        try {
            SslContext ssl;
            HttpAuth auth;
            try {
                ssl = config.tls() == null ? null : TlsContexts.netty(config.tls());
                auth = HttpAuth.of(config);
            } catch (IllegalArgumentException | IOException e) {
                throw ListenerBindException.cannotStart(
                        address, port, Protocol.HTTP, e.getMessage(), e);
            }
            listener.router = new HttpRouter(listener, config, auth);
            ServerBootstrap bootstrap =
                    new ServerBootstrap()
                            .group(listener.loops)
                            .channel(NioServerSocketChannel.class)
                            .option(ChannelOption.SO_BACKLOG, BACKLOG)
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(listener.initializer(ssl));
            try {
                listener.server =
                        bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
            } catch (Exception e) {
                // Netty rethrows the bind's IOException (checked, though sync() does not say so)
                IOException io = e instanceof IOException i ? i : new IOException(e.toString(), e);
                throw ListenerBindException.bind(address, port, Protocol.HTTP, io);
            }
        } catch (RuntimeException e) {
            listener.shutDown();
            throw e;
        }
        LOG.info(
                "direct source: http listening on {}{}",
                listener.server.localAddress(),
                config.tls() == null ? "" : " (TLS)");
        return listener;
    }

    private ChannelInitializer<SocketChannel> initializer(SslContext ssl) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                HttpConnection connection = new HttpConnection(HttpListener.this, config);
                ChannelPipeline p = ch.pipeline();
                if (ssl != null) {
                    SslHandler tls = ssl.newHandler(ch.alloc());
                    tls.setHandshakeTimeoutMillis(config.readHeaderTimeout().toMillis());
                    p.addLast("tls", tls);
                }
                p.addLast("first-bytes", connection.firstBytes);
                p.addLast(
                        "codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 64 * 1024));
                p.addLast("connection", connection);
            }
        };
    }

    @Override
    Protocol protocol() {
        return Protocol.HTTP;
    }

    HttpRouter router() {
        return router;
    }

    ExecutorService workers() {
        return workers;
    }

    ByteBudget budget() {
        return budget;
    }

    RateLimitedLog log() {
        return log;
    }

    /** A connection opened; returns how many are open now (this one included). */
    int connectionOpened(Channel channel) {
        channels.add(channel);
        return open.incrementAndGet();
    }

    void connectionClosed(Channel channel) {
        open.decrementAndGet();
    }

    /** A handler threw: counted, logged at a rate limit; the caller answers 500. */
    void handlerFailed(HttpExchange exchange, Throwable t) {
        if (exchange != null && exchange.metrics() != null) {
            exchange.metrics().handlerError();
        } else {
            Inbox any = nextInbox();
            if (any != null) {
                any.metrics().handlerError();
            }
        }
        log.warn(
                "direct source: http handler failed on {} {} from {}, answered 500",
                exchange == null ? "?" : exchange.method(),
                exchange == null ? "?" : exchange.path(),
                exchange == null ? "?" : exchange.remote(),
                t);
    }

    @Override
    void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        // requests being parsed finish and hand their answers to the event loops, which write
        // them before the close below (one queue per loop, in order)
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutDown();
        LOG.info("direct source: http stopped listening");
    }

    private void shutDown() {
        workers.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
