package io.condenser.rules.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one PromQL string literal: {@code "..."} and {@code '...'} with Go escapes ({@code \a \b \f
 * \n \r \t \v \\}, the opening quote, {@code \ooo}, {@code \xHH}, {@code \\uHHHH}, {@code
 * \UHHHHHHHH}), or a raw {@code `...`} without escapes. Hand-written because the rules module must
 * not pull a PromQL parser; it follows the Prometheus lexer ({@code lexString}/{@code lexEscape}).
 * Octal and hex escapes are bytes, so the result is decoded as UTF-8 at the end, as Go does.
 */
final class GoStringLiteral {

    /** The decoded value and the index just after the closing quote. */
    record Result(String value, int end) {}

    private GoStringLiteral() {}

    /**
     * @param s the whole selector text
     * @param start index of the opening quote
     */
    static Result read(String s, int start) throws SelectorSyntaxException {
        char quote = s.charAt(start);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder chars = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= s.length()) {
                throw new SelectorSyntaxException(
                        start + 1, "unterminated string " + SeriesSelectorParser.excerpt(s, start));
            }
            char c = s.charAt(i);
            if (c == quote) {
                flush(chars, bytes);
                return new Result(decode(bytes, start), i + 1);
            }
            if (quote != '`' && (c == '\n' || c == '\r')) {
                throw new SelectorSyntaxException(
                        start + 1, "unterminated string " + SeriesSelectorParser.excerpt(s, start));
            }
            if (c != '\\' || quote == '`') {
                chars.append(c);
                i++;
                continue;
            }
            flush(chars, bytes);
            i = escape(s, i, quote, bytes);
        }
    }

    /** Reads the escape at {@code s[i] == '\\'}, appends its bytes, returns the next index. */
    private static int escape(String s, int i, char quote, ByteArrayOutputStream out)
            throws SelectorSyntaxException {
        if (i + 1 >= s.length()) {
            throw new SelectorSyntaxException(
                    i + 1, "unterminated escape sequence at end of input");
        }
        char e = s.charAt(i + 1);
        switch (e) {
            case 'a' -> out.write(0x07);
            case 'b' -> out.write(0x08);
            case 'f' -> out.write(0x0c);
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(0x0b);
            case '\\' -> out.write('\\');
            case 'x' -> {
                out.write((int) digits(s, i, i + 2, 2, 16));
                return i + 4;
            }
            case 'u', 'U' -> {
                int n = e == 'u' ? 4 : 8;
                long cp = digits(s, i, i + 2, n, 16);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw new SelectorSyntaxException(
                            i + 1,
                            "escape sequence is an invalid Unicode code point: "
                                    + s.substring(i, i + 2 + n));
                }
                out.writeBytes(
                        new String(Character.toChars((int) cp)).getBytes(StandardCharsets.UTF_8));
                return i + 2 + n;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    long v = digits(s, i, i + 1, 3, 8);
                    if (v > 255) {
                        throw new SelectorSyntaxException(
                                i + 1, "octal escape value > 255: " + s.substring(i, i + 4));
                    }
                    out.write((int) v);
                    return i + 4;
                }
                if (e != quote) {
                    throw new SelectorSyntaxException(
                            i + 1,
                            "unknown escape sequence \\" + e + " (a literal backslash is \\\\)");
                }
                out.write(e);
            }
        }
        return i + 2;
    }

    /** Parses {@code n} digits at {@code s[from..]} of the escape starting at {@code s[i]}. */
    private static long digits(String s, int i, int from, int n, int radix)
            throws SelectorSyntaxException {
        int to = from + n;
        if (to > s.length()) {
            throw new SelectorSyntaxException(
                    i + 1, "escape sequence too short: " + s.substring(i));
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            int d = Character.digit(s.charAt(k), radix);
            if (d < 0) {
                throw new SelectorSyntaxException(
                        k + 1, "illegal character in escape sequence: " + s.substring(i, to));
            }
            v = v * radix + d;
        }
        return v;
    }

    private static void flush(StringBuilder chars, ByteArrayOutputStream bytes) {
        if (chars.length() > 0) {
            bytes.writeBytes(chars.toString().getBytes(StandardCharsets.UTF_8));
            chars.setLength(0);
        }
    }

    private static String decode(ByteArrayOutputStream bytes, int start)
            throws SelectorSyntaxException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SelectorSyntaxException(
                    start + 1, "string is not valid UTF-8 after unescaping");
        }
    }
}
