package io.condenser.connectors.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream (a TCP connection, a file) into lines, however the bytes arrive in chunks.
 * Each complete line goes to the {@link Handler} without its {@code \n} or {@code \r\n} terminator,
 * with its 1-based physical line number. A line that fits in one chunk is handed over as a slice of
 * that chunk (no copy); only a line split across chunks is carried in an internal buffer, which
 * never grows past the maximum line length: a longer line is reported once as {@code line_too_long}
 * and its bytes are dropped up to its end.
 *
 * <p>With {@code quoteAware} (Influx line protocol) a newline inside a quoted string field value
 * does not end the line, see {@link QuotedLineScanner}; without it (Graphite) every newline does.
 *
 * <p>Not thread-safe: one framer per connection.
 */
public final class LineFramer {

    public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;
    public static final String LINE_TOO_LONG = "line_too_long";

    /** Receives lines and over-long-line rejections, in input order. */
    public interface Handler {
        void onLine(byte[] buf, int off, int len, long lineNumber);

        void onRejected(Rejection rejection);
    }

    private final QuotedLineScanner scanner;
    private final int maxLineBytes;
    private final Handler handler;

    private byte[] carry = new byte[256];
    private int carryLen;
    private boolean discarding;
    private String discardedExcerpt;
    private long lineNumber = 1;

    public LineFramer(boolean quoteAware, int maxLineBytes, Handler handler) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
        }
        this.scanner = quoteAware ? new QuotedLineScanner() : null;
        this.maxLineBytes = maxLineBytes;
        this.handler = handler;
    }

    /** Feeds the next chunk; complete lines are handed over before this returns. */
    public void feed(byte[] buf, int off, int len) {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            int nl = scanner != null ? scanner.findLineEnd(buf, pos, end) : indexOf(buf, pos, end);
            if (nl < 0) {
                keepPartial(buf, pos, end);
                return;
            }
            if (discarding) {
                reject(discardedExcerpt);
                discarding = false;
                discardedExcerpt = null;
            } else if (carryLen > 0) {
                if (append(buf, pos, nl)) {
                    emit(carry, 0, carryLen);
                }
                carryLen = 0;
            } else {
                emit(buf, pos, nl - pos);
            }
            nextLine();
            pos = nl + 1;
        }
    }

    /** The input ended: hands over a last line that had no terminator. */
    public void endOfInput() {
        if (discarding) {
            reject(discardedExcerpt);
        } else if (carryLen > 0) {
            emit(carry, 0, carryLen);
        }
        discarding = false;
        discardedExcerpt = null;
        carryLen = 0;
        if (scanner != null) {
            scanner.reset();
        }
    }

    /**
     * Reads a stream to its end through this framer, then calls {@link #endOfInput()}.
     *
     * @return the number of bytes read
     */
    public long feedAll(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            feed(buf, 0, n);
            total += n;
        }
        endOfInput();
        return total;
    }

    private void keepPartial(byte[] buf, int pos, int end) {
        if (discarding) {
            return;
        }
        // +1: the line may still turn out to end in \r\n, and the \r does not count.
        if ((long) carryLen + (end - pos) > maxLineBytes + 1L) {
            byte[] head = Arrays.copyOf(carry, Math.min(carryLen, Rejection.MAX_EXCERPT));
            int more = Math.min(end - pos, Rejection.MAX_EXCERPT - head.length);
            byte[] ex = Arrays.copyOf(head, head.length + more);
            System.arraycopy(buf, pos, ex, head.length, more);
            discardedExcerpt = new String(ex, StandardCharsets.UTF_8);
            discarding = true;
            carryLen = 0;
            return;
        }
        append(buf, pos, end);
    }

    /** Appends to the carry buffer; false (and a rejection) when the line got too long. */
    private boolean append(byte[] buf, int from, int to) {
        int n = to - from;
        if ((long) carryLen + n > maxLineBytes + 1L) {
            String ex = new String(carry, 0, Math.min(carryLen, Rejection.MAX_EXCERPT), UTF8);
            reject(ex);
            return false;
        }
        if (carryLen + n > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLen + n));
        }
        System.arraycopy(buf, from, carry, carryLen, n);
        carryLen += n;
        return true;
    }

    private void emit(byte[] buf, int off, int len) {
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        if (len > maxLineBytes) {
            reject(new String(buf, off, Math.min(len, Rejection.MAX_EXCERPT), UTF8));
            return;
        }
        handler.onLine(buf, off, len, lineNumber);
    }

    private void reject(String excerpt) {
        handler.onRejected(
                Rejection.of(
                        lineNumber,
                        LINE_TOO_LONG,
                        "line longer than the maximum of " + maxLineBytes + " bytes",
                        excerpt));
    }

    private void nextLine() {
        lineNumber += 1 + (scanner != null ? scanner.takeInnerNewlines() : 0);
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
