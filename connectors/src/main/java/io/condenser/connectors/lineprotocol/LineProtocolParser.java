package io.condenser.connectors.lineprotocol;

import static io.condenser.connectors.lineprotocol.LineProtocolReasons.BAD_TIMESTAMP;
import static io.condenser.connectors.lineprotocol.LineProtocolReasons.LINE_TOO_LONG;
import static io.condenser.connectors.lineprotocol.LineProtocolReasons.MISSING_FIELDS;
import static io.condenser.connectors.parse.QuotedLineScanner.isSpace;

import io.condenser.connectors.lineprotocol.SeriesHeads.Head;
import io.condenser.connectors.parse.LineFramer;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.QuotedLineScanner;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Influx line protocol, as Telegraf's influx serializer writes it and its parser reads it
 * (plugins/parsers/influx/machine.go.rl), mapped to samples as Telegraf's Prometheus serializers do
 * (plugins/serializers/prometheus/convert.go, prometheusremotewrite): one sample per numeric field
 * named {@code <measurement>_<field>} (just {@code <field>} for the measurement {@code
 * prometheus}), sanitised by {@link io.condenser.connectors.parse.PrometheusNames}; tags become
 * labels; integers, unsigned integers and booleans (1/0) become doubles; string fields are counted
 * as skipped ({@code string_field}); duplicate field keys: the last one wins.
 *
 * <p>Every bad line is rejected whole with a reason token from {@link LineProtocolReasons}; parsing
 * goes on with the next line. Nothing thrown, whatever the input. docs/formats.md has the full
 * description. Not thread-safe (caches and buffers): one instance per thread or subtask.
 */
public final class LineProtocolParser implements SampleParser {

    public static final int DEFAULT_MAX_LINE_BYTES = LineFramer.DEFAULT_MAX_LINE_BYTES;
    public static final String SKIPPED_STRING_FIELD = "string_field";
    public static final String SKIPPED_INVALID_NAME = "invalid_metric_name";
    public static final String SKIPPED_INVALID_LABEL = "invalid_label_name";

    private final Precision precision;
    private final LongSupplier clockMs;
    private final int maxLineBytes;

    private final SeriesHeads heads = new SeriesHeads();
    private final LineProtocolNumbers numbers = new LineProtocolNumbers();
    private final QuotedLineScanner scanner = new QuotedLineScanner();
    private final LineProtocolFieldSet fieldSet = new LineProtocolFieldSet(heads);

    // Why the timestamp was rejected (the field set keeps its own).
    private String reason;
    private String detail;

    private LineProtocolParser(Builder b) {
        this.precision = b.precision;
        this.clockMs = b.clockMs;
        this.maxLineBytes = b.maxLineBytes;
    }

    /** A parser for timestamps in the given precision, stamping lines without one by the clock. */
    public static LineProtocolParser create(Precision precision, LongSupplier clockMs) {
        return builder().precision(precision).clock(clockMs).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Precision precision() {
        return precision;
    }

    /** Parses a whole body: lines end at newlines outside quoted string field values. */
    @Override
    public void parse(byte[] input, int offset, int length, ParseListener listener) {
        int end = offset + length;
        int pos = offset;
        long line = 1;
        scanner.reset();
        scanner.takeInnerNewlines();
        while (pos < end) {
            int nl = scanner.findLineEnd(input, pos, end);
            int lineEnd = nl < 0 ? end : nl;
            parseLine(input, pos, lineEnd - pos, line, listener);
            line += 1 + scanner.takeInnerNewlines();
            pos = lineEnd + 1;
        }
        scanner.reset();
    }

    /**
     * Parses one line without its {@code \n} (a trailing {@code \r} is dropped), as a {@link
     * LineFramer} delivers it. Blank lines and {@code #} comments produce nothing.
     */
    public void parseLine(byte[] buf, int off, int len, long lineNumber, ParseListener l) {
        int end = off + len;
        if (end > off && buf[end - 1] == '\r') {
            end--;
        }
        if (end - off > maxLineBytes) {
            reject(
                    l,
                    lineNumber,
                    LINE_TOO_LONG,
                    "line longer than the maximum of " + maxLineBytes + " bytes",
                    buf,
                    off,
                    end);
            return;
        }
        int p = off;
        while (p < end && isSpace(buf[p])) {
            p++;
        }
        if (p == end || buf[p] == '#') {
            return;
        }
        int headStart = p;
        while (p < end && !isSpace(buf[p])) {
            // A backslash before a tab stays in the head, so the head reports it as an error.
            p +=
                    buf[p] == '\\'
                                    && p + 1 < end
                                    && (SeriesHeads.isEscapable(buf[p + 1])
                                            || SeriesHeads.isControl(buf[p + 1]))
                            ? 2
                            : 1;
        }
        Head head = heads.resolve(buf, headStart, Math.min(p, end));
        if (head == null) {
            reject(l, lineNumber, heads.errorReason, heads.errorDetail, buf, off, end);
            return;
        }
        while (p < end && isSpace(buf[p])) {
            p++;
        }
        if (p == end) {
            reject(
                    l,
                    lineNumber,
                    MISSING_FIELDS,
                    "no field set after the measurement and tags",
                    buf,
                    off,
                    end);
            return;
        }
        p = fieldSet.parse(buf, p, end, head);
        if (p < 0) {
            reject(l, lineNumber, fieldSet.reason, fieldSet.detail, buf, off, end);
            return;
        }
        long ts;
        if (p == end) {
            ts = clockMs.getAsLong();
        } else {
            ts = parseTimestamp(buf, p, end);
            if (reason != null) {
                reject(l, lineNumber, reason, detail, buf, off, end);
                return;
            }
        }
        fieldSet.emit(head, ts, l);
    }

    private long parseTimestamp(byte[] buf, int p, int end) {
        while (p < end && isSpace(buf[p])) {
            p++;
        }
        if (p == end) {
            return clockMs.getAsLong(); // only trailing whitespace
        }
        int s = p;
        while (p < end && !isSpace(buf[p])) {
            p++;
        }
        int e = p;
        while (p < end && isSpace(buf[p])) {
            p++;
        }
        if (p != end) {
            fail(
                    BAD_TIMESTAMP,
                    "unexpected text after the timestamp: '" + SeriesHeads.text(buf, p, end) + "'");
            return 0;
        }
        if (!numbers.parseTimestamp(buf, s, e)) {
            fail(
                    BAD_TIMESTAMP,
                    "timestamp '"
                            + SeriesHeads.text(buf, s, e)
                            + "' is not an integer of at most 19 digits in the int64 range");
            return 0;
        }
        try {
            return precision.toMillis(numbers.longValue);
        } catch (ArithmeticException overflow) {
            fail(
                    BAD_TIMESTAMP,
                    "timestamp "
                            + numbers.longValue
                            + " in "
                            + precision.shortName()
                            + " overflows milliseconds");
            return 0;
        }
    }

    private int fail(String reason, String detail) {
        this.reason = reason;
        this.detail = detail;
        return -1;
    }

    private void reject(
            ParseListener l, long line, String reason, String detail, byte[] buf, int s, int e) {
        fieldSet.clear();
        this.reason = null;
        String excerpt =
                new String(
                        buf, s, Math.min(e - s, 2 * Rejection.MAX_EXCERPT), StandardCharsets.UTF_8);
        l.onRejected(Rejection.of(line, reason, detail, excerpt));
    }

    /** Options with their defaults: nanosecond timestamps, the system clock, 256 KiB lines. */
    public static final class Builder {
        private Precision precision = Precision.DEFAULT;
        private LongSupplier clockMs = System::currentTimeMillis;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;

        private Builder() {}

        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        /** The time (ms) given to lines without a timestamp. */
        public Builder clock(LongSupplier clockMs) {
            this.clockMs = clockMs;
            return this;
        }

        public Builder maxLineBytes(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        public LineProtocolParser build() {
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(clockMs, "clock");
            if (maxLineBytes < 1) {
                throw new IllegalArgumentException(
                        "maxLineBytes must be >= 1, got " + maxLineBytes);
            }
            return new LineProtocolParser(this);
        }
    }
}
