package io.condenser.connectors.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where an Influx line-protocol line ends, across as many input chunks as it takes. A line
 * ends at {@code \n}, except inside a quoted string field value, which may hold raw newlines.
 *
 * <p>A quote only opens a string where the grammar puts one: as the first byte of a field value,
 * right after an unescaped {@code =} in the field section. Quotes in the measurement, tags, field
 * keys, timestamp or a {@code #} comment are ordinary bytes, so one stray quote there cannot
 * swallow the following lines. Outside strings a backslash escapes only {@code ,} {@code =} and
 * space (Telegraf's rule); inside strings it escapes the next byte. This mirrors the grammar in
 * {@code LineProtocolParser}; the two must agree on where a field value starts.
 *
 * <p>Incremental: state survives between calls until a line end is returned. Not thread-safe.
 */
public final class QuotedLineScanner {

    private static final int START = 0;
    private static final int HEAD = 1;
    private static final int FIELDS_LEAD = 2;
    private static final int FIELDS = 3;
    private static final int AFTER_EQ = 4;
    private static final int STRING = 5;
    private static final int STRING_ESC = 6;
    private static final int TAIL = 7;
    private static final int COMMENT = 8;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long QUOTES = 0x2222222222222222L;

    private int state = START;
    private boolean escaped;
    private long innerNewlines;

    /**
     * The index of the {@code \n} that ends the current line within {@code [from, to)}, or -1 when
     * the line goes on past {@code to} (call again with the next bytes).
     */
    public int findLineEnd(byte[] buf, int from, int to) {
        if (state == START && !escaped) {
            // Fast path: most lines hold no quote at all, and then the first newline ends them.
            // Eight bytes per step: the lowest flagged byte of the classic "has zero byte" test
            // is exactly the first newline or quote.
            int i = from;
            for (; i + 8 <= to; i += 8) {
                long w = (long) LONGS.get(buf, i);
                long hit = zeroBytes(w ^ NEWLINES) | zeroBytes(w ^ QUOTES);
                if (hit != 0) {
                    i += Long.numberOfTrailingZeros(hit) >>> 3;
                    break;
                }
            }
            for (; i < to; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    return i;
                }
                if (b == '"') {
                    break;
                }
            }
        }
        int st = state;
        boolean esc = escaped;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (esc) {
                esc = false;
                if (b == ',' || b == '=' || b == ' ') {
                    continue;
                }
            }
            if (st == START) {
                if (b == '\n') {
                    return endLine(i);
                } else if (isSpace(b)) {
                    continue;
                }
                st = b == '#' ? COMMENT : HEAD;
                if (st == COMMENT) {
                    continue;
                }
            } else if (st == FIELDS_LEAD) {
                if (isSpace(b)) {
                    continue;
                }
                st = FIELDS;
            } else if (st == AFTER_EQ) {
                if (b == '"') {
                    st = STRING;
                    continue;
                }
                st = FIELDS;
            }
            switch (st) {
                case HEAD:
                    if (b == '\n') {
                        return endLine(i);
                    } else if (b == '\\') {
                        esc = true;
                    } else if (isSpace(b)) {
                        st = FIELDS_LEAD;
                    }
                    break;
                case FIELDS:
                    if (b == '\n') {
                        return endLine(i);
                    } else if (b == '\\') {
                        esc = true;
                    } else if (b == '=') {
                        st = AFTER_EQ;
                    } else if (isSpace(b)) {
                        st = TAIL;
                    }
                    break;
                case STRING:
                    if (b == '\\') {
                        st = STRING_ESC;
                    } else if (b == '"') {
                        st = FIELDS;
                    } else if (b == '\n') {
                        innerNewlines++;
                    }
                    break;
                case STRING_ESC:
                    if (b == '\n') {
                        innerNewlines++;
                    }
                    st = STRING;
                    break;
                default: // TAIL, COMMENT
                    if (b == '\n') {
                        return endLine(i);
                    }
                    break;
            }
        }
        state = st;
        escaped = esc;
        return -1;
    }

    /** True while a quoted string is open (an unterminated string at end of input). */
    public boolean inString() {
        return state == STRING || state == STRING_ESC;
    }

    /**
     * Newlines inside quoted strings of the line just ended (or in progress), cleared by this call:
     * callers add them to keep physical line numbers.
     */
    public long takeInnerNewlines() {
        long n = innerNewlines;
        innerNewlines = 0;
        return n;
    }

    /** Forgets the current line (end of input, or a line being discarded). */
    public void reset() {
        state = START;
        escaped = false;
    }

    private int endLine(int i) {
        state = START;
        escaped = false;
        return i;
    }

    private static long zeroBytes(long v) {
        return (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
    }

    /** Line-protocol whitespace: space, tab, vertical tab, form feed. */
    public static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f';
    }
}
