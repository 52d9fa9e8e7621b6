package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.reader.Batch;
import io.condenser.connectors.direct.reader.Inbox;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Reads one TCP connection: newline-framed line protocol or Graphite, plain or gzip (Telegraf's
 * socket_writer with {@code content_encoding = "gzip"} writes one gzip member per metric, see
 * {@link GzipMembers}). Whole lines are parsed in chunks; a line longer than the limit is skipped
 * and counted.
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

    TcpConnection(Socket socket, Inbox inbox, Protocol protocol, Runnable onClose) {
        this.socket = socket;
        this.inbox = inbox;
        this.protocol = protocol;
        this.onClose = onClose;
        this.splitId = inbox.splitId(protocol);
        this.remote = protocol.id() + " client " + socket.getRemoteSocketAddress();
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
        } finally {
            TcpListener.closeQuietly(socket);
            inbox.untrack(this);
            inbox.metrics().connectionClosed();
            onClose.run();
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
            return new GzipMembers(in);
        }
        return in;
    }

    private void read(InputStream in) throws IOException, InterruptedException {
        SampleParser parser =
                protocol == Protocol.TCP_GRAPHITE
                        ? inbox.parsers().graphite()
                        : inbox.parsers().lineProtocol(null);
        SampleCollector collector = new SampleCollector(inbox, remote);
        int maxLine = inbox.config().maxLineLength();
        byte[] buf = new byte[Math.min(READ_BUFFER, maxLine)];
        int end = 0;
        boolean discarding = false;
        while (true) {
            if (end == buf.length) {
                if (buf.length >= maxLine) {
                    reject(collector, buf, end);
                    discarding = true;
                    end = 0;
                } else {
                    buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLine));
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            int from = end;
            end += n;
            if (discarding) {
                int nl = indexOf(buf, from, end);
                if (nl < 0) {
                    end = 0;
                    continue;
                }
                System.arraycopy(buf, nl + 1, buf, 0, end - nl - 1);
                end -= nl + 1;
                from = 0;
                discarding = false;
            }
            int last = lastIndexOf(buf, from, end);
            if (last < 0) {
                continue;
            }
            parse(parser, collector, buf, last + 1);
            System.arraycopy(buf, last + 1, buf, 0, end - last - 1);
            end -= last + 1;
        }
        if (!discarding && end > 0) {
            parse(parser, collector, buf, end);
        }
    }

    private void parse(SampleParser parser, SampleCollector collector, byte[] buf, int len)
            throws IOException, InterruptedException {
        inbox.metrics().lines(countLines(buf, len));
        collector.refreshClock();
        parser.parse(buf, 0, len, collector);
        if (collector.size() > 0) {
            Batch batch = new Batch(splitId, collector.drain(), true, null);
            while (!inbox.queue().put(batch, PUT_WAIT_MS)) {
                if (!inbox.isOpen()) {
                    throw new IOException("source closing");
                }
            }
            inbox.metrics().samples(batch.samples().size(), true);
        }
    }

    private void reject(SampleCollector collector, byte[] buf, int end) {
        collector.onRejected(
                Rejection.of(
                        0,
                        "line_too_long",
                        "line longer than " + inbox.config().maxLineLength() + " bytes",
                        new String(
                                buf,
                                0,
                                Math.min(end, Rejection.MAX_EXCERPT),
                                java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static int countLines(byte[] buf, int len) {
        int lines = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == '\n') {
                lines++;
            }
        }
        return len > 0 && buf[len - 1] != '\n' ? lines + 1 : lines;
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] buf, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
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
