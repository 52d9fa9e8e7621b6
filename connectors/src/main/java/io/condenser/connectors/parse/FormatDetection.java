package io.condenser.connectors.parse;

import java.util.Optional;

/**
 * Tells the format of a file from its first bytes, for tools that read files ({@code condenser
 * rules preview}): binary input is a remote-write body (snappy); in text, the second field of a
 * line decides: {@code key=value} is Influx line protocol ({@code cpu,host=a usage=1}), a number is
 * Graphite plaintext ({@code a.b.c 1 1700000000}). Every line looked at must agree, or the format
 * is not told (the caller asks for {@code --format}).
 */
public final class FormatDetection {

    /** How much of the input to look at. */
    public static final int HEAD_BYTES = 64 * 1024;

    private static final int MAX_LINES = 20;

    private FormatDetection() {}

    /** The format of input starting with {@code head[0..length)}, or empty when it is unclear. */
    public static Optional<InputFormat> detect(byte[] head, int length) {
        if (length == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f) {
                return Optional.of(InputFormat.REMOTE_WRITE);
            }
        }
        // a head cut short of the input's end may end in half a line: leave that one out
        int end = length;
        if (length == HEAD_BYTES) {
            while (end > 0 && head[end - 1] != '\n') {
                end--;
            }
        }
        InputFormat seen = null;
        int lines = 0;
        int pos = 0;
        while (pos < end && lines < MAX_LINES) {
            int nl = pos;
            while (nl < end && head[nl] != '\n') {
                nl++;
            }
            InputFormat f = lineFormat(head, pos, nl);
            if (f != null) {
                if (seen != null && seen != f) {
                    return Optional.empty();
                }
                seen = f;
                lines++;
            }
            pos = nl + 1;
        }
        return Optional.ofNullable(seen);
    }

    /** The format one line looks like, or null for a blank line, a comment or neither. */
    private static InputFormat lineFormat(byte[] b, int from, int to) {
        int p = skipBlanks(b, from, to);
        if (p == to || b[p] == '#') {
            return null;
        }
        // the first field, where a backslash escapes a blank (Influx measurement and tags)
        while (p < to && !isBlank(b[p])) {
            p += b[p] == '\\' && p + 1 < to ? 2 : 1;
        }
        p = skipBlanks(b, p, to);
        int start = p;
        while (p < to && !isBlank(b[p])) {
            if (b[p] == '=') {
                return InputFormat.INFLUX;
            }
            p++;
        }
        if (p == start) {
            return null;
        }
        String value = new String(b, start, p - start, java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Double.parseDouble(value);
            return InputFormat.GRAPHITE;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int skipBlanks(byte[] b, int p, int to) {
        while (p < to && isBlank(b[p])) {
            p++;
        }
        return p;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
