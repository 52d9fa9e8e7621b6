package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP connection, on its event loop: the clocks, the body, and the hand-over to a parser
 * thread. Nothing here blocks, so a client that stalls (half-open headers, a body that trickles)
 * costs a socket and a timer, never a thread another client needs.
 *
 * <pre>
 * IDLE --first byte--> HEAD --headers--> BODY --last chunk--> BUSY --answer written--> IDLE
 *  (idle timeout:       (header timeout:   (body timeout:       (no clock: a held
 *   close)               408, close)        408, close)          response waits)
 *                        HEAD/BODY --refused on the head--> DISCARD (answer sent, body drained)
 * </pre>
 *
 * While BUSY the connection does not read, so a pipelining client queues in its socket buffer and
 * the next request starts after the answer, in order.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {

    private enum State {
        IDLE,
        HEAD,
        BODY,
        DISCARD,
        BUSY,
        CLOSED
    }

    /** Bodies of unknown length grow from this. */
    private static final int INITIAL_CHUNKED_BODY = 16 * 1024;

    private final HttpListener listener;
    private final DirectSourceConfig config;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private Channel channel;
    private DirectSourceMetrics connectionMetrics;
    private boolean refused;
    private State state = State.IDLE;
    private ScheduledFuture<?> timer;

    // the request being read
    private HttpExchange exchange;
    private boolean keepAlive;
    private boolean http10;
    private Admission.ReadBody reading;
    private byte[] body;
    private int bodyLength;
    private long reserved;
    private boolean closeAfterDiscard;
    private long discarded;

    HttpConnection(HttpListener listener, DirectSourceConfig config) {
        this.listener = listener;
        this.config = config;
    }

    /**
     * Sits before the HTTP decoder and sees a request's first bytes: that starts its header clock
     * (an idle keep-alive connection is on the idle clock instead).
     */
    final ChannelInboundHandlerAdapter firstBytes =
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (state == State.IDLE && msg instanceof ByteBuf b && b.isReadable()) {
                        state = State.HEAD;
                        arm(config.readHeaderTimeout().toMillis(), () -> readTimeout("headers"));
                    }
                    ctx.fireChannelRead(msg);
                }
            };

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        int open = listener.connectionOpened(channel);
        Inbox inbox = listener.nextInbox();
        connectionMetrics = inbox == null ? null : inbox.metrics();
        if (connectionMetrics != null) {
            connectionMetrics.connectionOpened();
        }
        if (open > config.maxConnections()) {
            refused = true;
            if (connectionMetrics != null) {
                connectionMetrics.connectionRefused();
            }
            listener.log()
                    .warn(
                            "direct source: http connection from {} over the limit of {}: its"
                                    + " request is answered 503",
                            channel.remoteAddress(),
                            config.maxConnections());
        }
        arm(config.idleTimeout().toMillis(), this::close);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        cancelTimer();
        releaseBody();
        listener.connectionClosed(channel);
        if (connectionMetrics != null) {
            connectionMetrics.connectionClosed();
        }
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.BUSY) {
            pending.add(msg); // released when handled or when the connection closes
            return;
        }
        handleAndRelease(msg);
    }

    private void handleAndRelease(Object msg) {
        try {
            handle(msg);
        } catch (Throwable t) {
            internalError(t);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(Object msg) {
        if (state == State.CLOSED) {
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                malformed(request.decoderResult().cause());
                return;
            }
            start(request);
        }
        if (msg instanceof HttpContent content) {
            content(content);
        }
    }

    private void start(HttpRequest request) {
        cancelTimer();
        keepAlive = HttpUtil.isKeepAlive(request);
        http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        exchange = new HttpExchange(this, request, channel.remoteAddress());
        if (refused) {
            early(
                    HttpResponse.retryLater(
                            503,
                            "too many connections (limit "
                                    + config.maxConnections()
                                    + "), retry later",
                            HttpRouter.retryAfterSeconds(config)),
                    true);
            return;
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            early(HttpResponse.error(417, "unsupported Expect header"), true);
            return;
        }
        Admission admission = listener.router().admit(exchange);
        if (admission instanceof Admission.Answer answer) {
            early(answer.response(), answer.close());
            return;
        }
        Admission.ReadBody read = (Admission.ReadBody) admission;
        long length = HttpUtil.getContentLength(request, -1L);
        if (length > read.maxBytes()) {
            early(
                    HttpResponse.error(
                            413,
                            "body of " + length + " bytes is over the limit of " + read.maxBytes()),
                    true);
            return;
        }
        long reserve = length >= 0 ? length : INITIAL_CHUNKED_BODY;
        if (!listener.budget().reserve(reserve)) {
            early(overloaded(), true);
            return;
        }
        reserved = reserve;
        reading = read;
        body = new byte[(int) Math.min(read.maxBytes(), reserve)];
        bodyLength = 0;
        if (HttpUtil.is100ContinueExpected(request)) {
            channel.writeAndFlush(
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        state = State.BODY;
        arm(config.readBodyTimeout().toMillis(), () -> readTimeout("body"));
    }

    private HttpResponse overloaded() {
        return HttpResponse.retryLater(
                503,
                "overloaded: "
                        + listener.budget().used()
                        + " bytes of request bodies in flight (limit "
                        + listener.budget().capacity()
                        + "), retry later",
                HttpRouter.retryAfterSeconds(config));
    }

    private void content(HttpContent content) {
        ByteBuf data = content.content();
        int n = data.readableBytes();
        boolean last = content instanceof LastHttpContent;
        if (state == State.BODY) {
            if ((long) bodyLength + n > reading.maxBytes()) {
                early(
                        HttpResponse.error(
                                413, "body is over the limit of " + reading.maxBytes() + " bytes"),
                        true);
                discard(n, last);
                return;
            }
            if (bodyLength + n > body.length) {
                int grown =
                        (int)
                                Math.min(
                                        reading.maxBytes(),
                                        Math.max(bodyLength + n, 2L * body.length));
                if (!listener.budget().reserve(grown - body.length)) {
                    early(overloaded(), true);
                    discard(n, last);
                    return;
                }
                reserved += grown - body.length;
                body = Arrays.copyOf(body, grown);
            }
            data.readBytes(body, bodyLength, n);
            bodyLength += n;
            if (last) {
                dispatch();
            }
        } else if (state == State.DISCARD) {
            discard(n, last);
        }
    }

    /** Drains what the client still sends after an early answer, so it reads the answer. */
    private void discard(long n, boolean last) {
        discarded += n;
        if (last) {
            cancelTimer();
            if (closeAfterDiscard) {
                closeAfterFlush();
            } else {
                idle();
            }
        } else if (discarded > Math.max(config.maxBodyBytes(), 1 << 20)) {
            close();
        }
    }

    /** Answers before (or instead of) reading the body, then drains the body. */
    private void early(HttpResponse response, boolean close) {
        releaseBody();
        boolean closeAfter = close || !keepAlive;
        if (exchange != null) {
            exchange.markAnswered();
        }
        write(response, !closeAfter);
        state = State.DISCARD;
        closeAfterDiscard = closeAfter;
        discarded = 0;
        arm(config.readBodyTimeout().toMillis(), this::close);
    }

    private void dispatch() {
        cancelTimer();
        state = State.BUSY;
        channel.config().setAutoRead(false);
        HttpExchange ex = exchange;
        Admission.BodyHandler handler = reading.handler();
        ex.body(body, bodyLength, reserved);
        body = null;
        reserved = 0;
        try {
            listener.workers()
                    .execute(
                            () -> {
                                try {
                                    handler.handle(ex);
                                } catch (Throwable t) {
                                    listener.handlerFailed(ex, t);
                                    ex.respond(HttpResponse.error(500, "internal error: " + t));
                                } finally {
                                    ex.releaseBody(listener.budget());
                                }
                            });
        } catch (RejectedExecutionException shuttingDown) {
            ex.releaseBody(listener.budget());
            ex.respond(
                    HttpResponse.retryLater(
                            503, "source is shutting down", HttpRouter.retryAfterSeconds(config)));
        }
    }

    /** Called by {@link HttpExchange#respond}, from any thread. */
    void send(HttpExchange ex, HttpResponse response) {
        try {
            channel.eventLoop().execute(() -> sendOnLoop(ex, response));
        } catch (RejectedExecutionException closed) {
            // the listener is gone and the connection with it; the client retries
        }
    }

    private void sendOnLoop(HttpExchange ex, HttpResponse response) {
        if (state != State.BUSY || ex != exchange) {
            return; // the client went away meanwhile
        }
        ChannelFuture written = write(response, keepAlive);
        if (keepAlive) {
            written.addListener(
                    f -> {
                        if (f.isSuccess()) {
                            idle();
                        } else {
                            close();
                        }
                    });
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private ChannelFuture write(HttpResponse response, boolean keepOpen) {
        if (exchange != null && exchange.metrics() != null) {
            exchange.metrics().response(response.status());
        }
        byte[] bytes =
                response.body() == null
                        ? new byte[0]
                        : response.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(response.status()),
                        Unpooled.wrappedBuffer(bytes));
        if (response.contentType() != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            r.headers().set(h.getKey(), h.getValue());
        }
        if (response.status() != 204) {
            // RFC 9110: no Content-Length on a 204, which has no body by definition
            HttpUtil.setContentLength(r, bytes.length);
        }
        if (!keepOpen) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return channel.writeAndFlush(r);
    }

    /** Back to waiting for the next request on a kept-alive connection. */
    private void idle() {
        if (state == State.CLOSED) {
            return;
        }
        exchange = null;
        reading = null;
        state = State.IDLE;
        arm(config.idleTimeout().toMillis(), this::close);
        channel.config().setAutoRead(true);
        while (!pending.isEmpty() && state != State.BUSY && state != State.CLOSED) {
            handleAndRelease(pending.poll());
        }
    }

    private void readTimeout(String what) {
        if (connectionMetrics != null) {
            connectionMetrics.readTimeout();
        }
        listener.log()
                .warn(
                        "direct source: http client {} sent no complete request {} within {}:"
                                + " answered 408 and closed",
                        channel.remoteAddress(),
                        what,
                        what.equals("headers")
                                ? config.readHeaderTimeout()
                                : config.readBodyTimeout());
        releaseBody();
        state = State.DISCARD;
        write(HttpResponse.error(408, "request " + what + " not received in time, closing"), false)
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** A request the decoder could not read: 414, 431 or 400, then close. */
    private void malformed(Throwable cause) {
        int status =
                cause instanceof TooLongHttpLineException
                        ? 414
                        : cause instanceof TooLongHttpHeaderException
                                ? 431
                                : cause instanceof TooLongFrameException ? 431 : 400;
        releaseBody();
        state = State.DISCARD;
        write(HttpResponse.error(status, "malformed request: " + cause.getMessage()), false)
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Our own bug on the event loop: still an answer, never a hang. */
    private void internalError(Throwable t) {
        listener.handlerFailed(exchange, t);
        releaseBody();
        if (state != State.CLOSED && channel.isActive()) {
            state = State.DISCARD;
            write(HttpResponse.error(500, "internal error: " + t), false)
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // connection resets, TLS handshake failures: nothing to answer on this connection
        listener.log()
                .warn(
                        "direct source: http connection from {} failed: {}",
                        ctx.channel().remoteAddress(),
                        cause.toString());
        close();
    }

    private void releaseBody() {
        if (reserved > 0) {
            listener.budget().release(reserved);
            reserved = 0;
        }
        body = null;
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return channel.eventLoop().schedule(task, delay, unit);
    }

    private void arm(long delayMs, Runnable onTimeout) {
        cancelTimer();
        timer =
                channel.eventLoop()
                        .schedule(
                                () -> {
                                    if (state != State.CLOSED) {
                                        onTimeout.run();
                                    }
                                },
                                delayMs,
                                TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void closeAfterFlush() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void close() {
        channel.close();
    }
}
