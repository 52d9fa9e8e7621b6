package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.parse.GzipMembers;
import io.condenser.connectors.parse.LineFramer;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Sample;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads one TCP connection: newline-framed line protocol or Graphite, plain or gzip (Telegraf's
 * socket_writer with {@code content_encoding = "gzip"} writes one gzip member per metric, see
 * {@link GzipMembers}), framed by {@link LineFramer}; a line longer than the limit is skipped and
 * counted.
 */
final class TcpConnection implements Runnable, Closeable {

    private static final int READ_BUFFER = 64 * 1024;
    private static final long PUT_WAIT_MS = 200;

    private final Socket socket;
    private final Inbox inbox;
    private final Protocol protocol;
    private final Runnable onClose;
    private final String splitId;
    private final String remote;

    /** This connection's event-time channel: one agent's stream. */
    private final String channel;

    TcpConnection(Socket socket, Inbox inbox, Protocol protocol, Runnable onClose) {
        this.socket = socket;
        this.inbox = inbox;
        this.protocol = protocol;
        this.onClose = onClose;
        this.splitId = inbox.splitId(protocol);
        this.remote = protocol.id() + " client " + socket.getRemoteSocketAddress();
        this.channel = protocol.id() + " " + socket.getRemoteSocketAddress();
    }

    @Override
    public void run() {
        boolean tracked = inbox.track(this);
        inbox.metrics().connectionOpened();
        try {
            if (tracked) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeoutMs()));
                read(decode(socket.getInputStream()));
            }
        } catch (SocketTimeoutException e) {
            inbox.log().warn("direct source: closed idle " + remote);
        } catch (IOException | InterruptedException e) {
            if (inbox.isOpen() && !socket.isClosed()) {
                inbox.log().warn("direct source: " + remote + " failed: " + e);
            }
        } catch (RuntimeException | Error e) {
            // a bug or a broken class path (0.2's NoSuchMethodError in gunzip): TCP has no answer
            // to give, but the failure is counted and logged, never silent
            inbox.metrics().handlerError();
            inbox.log().warn("direct source: " + remote + " handler failed, closing: " + e, e);
        } finally {
            // release the connection slot before the peer can see the close and reconnect
            inbox.untrack(this);
            // after its samples: its channel stops holding event time (a full queue loses the
            // marker, and the channel goes when it has been quiet for the idleness instead)
            inbox.queue().offer(Batch.closing(splitId, channel));
            inbox.metrics().connectionClosed();
            onClose.run();
            TcpListener.closeQuietly(socket);
        }
    }

    private long idleTimeoutMs() {
        return inbox.config().idleTimeout().toMillis();
    }

    private InputStream decode(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new Counting(raw), READ_BUFFER);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return GzipMembers.decompress(in);
        }
        return in;
    }

    private void read(InputStream in) throws IOException, InterruptedException {
        SampleParser parser =
                protocol == Protocol.TCP_GRAPHITE
                        ? inbox.parsers().graphite()
                        : inbox.parsers().lineProtocol(null);
        SampleCollector collector = new SampleCollector(inbox, remote);
        Lines lines = new Lines(parser, collector);
        // line protocol may carry a newline inside a quoted string field; Graphite may not
        LineFramer framer =
                new LineFramer(
                        protocol == Protocol.TCP_LINE_PROTOCOL,
                        inbox.config().maxLineLength(),
                        lines);
        byte[] buf = new byte[READ_BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            collector.refreshClock();
            framer.feed(buf, 0, n);
            flush(collector, lines);
        }
        framer.endOfInput();
        flush(collector, lines);
    }

    private void flush(SampleCollector collector, Lines lines)
            throws IOException, InterruptedException {
        inbox.metrics().lines(lines.count);
        lines.count = 0;
        if (collector.size() > 0) {
            Batch batch = Batch.of(splitId, channel, collector.drain(), true);
            while (!inbox.queue().put(batch, PUT_WAIT_MS)) {
                if (!inbox.isOpen()) {
                    throw new IOException("source closing");
                }
            }
            inbox.metrics().samples(batch.samples().size(), true);
        }
    }

    /** Parses each framed line, keeping the connection's line numbers in rejections. */
    private static final class Lines implements LineFramer.Handler, ParseListener {
        private final SampleParser parser;
        private final SampleCollector collector;
        private long lineNumber;
        long count;

        Lines(SampleParser parser, SampleCollector collector) {
            this.parser = parser;
            this.collector = collector;
        }

        @Override
        public void onLine(byte[] buf, int off, int len, long lineNumber) {
            this.lineNumber = lineNumber;
            count++;
            parser.parse(buf, off, len, this);
        }

        @Override
        public void onSample(Sample sample) {
            collector.onSample(sample);
        }

        @Override
        public void onRejected(Rejection r) {
            collector.onRejected(
                    r.lineNumber() == lineNumber
                            ? r
                            : new Rejection(lineNumber, r.reason(), r.detail(), r.excerpt()));
        }

        @Override
        public void onSkipped(String reason, long n) {
            collector.onSkipped(reason, n);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Counts bytes as they come off the wire (before gunzip). */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                inbox.metrics().bytes(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                inbox.metrics().bytes(n);
            }
            return n;
        }
    }
}
