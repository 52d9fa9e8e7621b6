package io.condenser.rules.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses promtool's expanding notation for input series values, as {@code promtool test rules}
 * reads it:
 *
 * <ul>
 *   <li>{@code a} — one value (decimal, scientific, {@code Inf}, {@code -Inf}, {@code NaN});
 *   <li>{@code a+bxn} — n+1 values: a, a+b, …, a+n·b ({@code 0+10x3} = 0 10 20 30);
 *   <li>{@code a-bxn} — n+1 values counting down ({@code 1-2x3} = 1 -1 -3 -5);
 *   <li>{@code axn} — n+1 times a ({@code 1x3} = 1 1 1 1);
 *   <li>{@code _} — a missing sample; {@code _xn} — n missing samples;
 *   <li>{@code stale} — a staleness marker.
 * </ul>
 *
 * Tokens are separated by whitespace. Hand-written because promtool's parser is part of the PromQL
 * grammar (Go) and no Java library offers it; it is small and table-tested.
 */
public final class SeriesValuesParser {

    /** One position in the series: a value, a missing sample, or a staleness marker. */
    public record Point(Kind kind, double value) {
        public enum Kind {
            VALUE,
            MISSING,
            STALE
        }

        static final Point MISSING = new Point(Kind.MISSING, Double.NaN);
        static final Point STALE = new Point(Kind.STALE, Double.NaN);

        static Point of(double v) {
            return new Point(Kind.VALUE, v);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case MISSING -> "_";
                case STALE -> "stale";
                case VALUE -> v(value);
            };
        }

        private static String v(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : Double.toString(d);
        }
    }

    private static final int MAX_POINTS = 1_000_000;

    private SeriesValuesParser() {}

    /**
     * @throws IllegalArgumentException naming the bad token
     */
    public static List<Point> parse(String text) {
        List<Point> out = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            expand(token, out);
            if (out.size() > MAX_POINTS) {
                throw new IllegalArgumentException("more than " + MAX_POINTS + " values");
            }
        }
        return out;
    }

    private static void expand(String token, List<Point> out) {
        if (token.equals("_")) {
            out.add(Point.MISSING);
            return;
        }
        if (token.equals("stale")) {
            out.add(Point.STALE);
            return;
        }
        int x = token.lastIndexOf('x');
        if (x < 0) {
            out.add(Point.of(number(token, token)));
            return;
        }
        int times = count(token.substring(x + 1), token);
        String head = token.substring(0, x);
        if (head.equals("_")) {
            for (int i = 0; i < times; i++) {
                out.add(Point.MISSING);
            }
            return;
        }
        int op = operatorIndex(head);
        double start;
        double step;
        if (op < 0) {
            start = number(head, token);
            step = 0;
        } else {
            start = number(head.substring(0, op), token);
            step = number(head.substring(op + 1), token);
            if (head.charAt(op) == '-') {
                step = -step;
            }
        }
        checkSize(out, times, token);
        for (int i = 0; i <= times; i++) {
            out.add(Point.of(start + i * step));
        }
    }

    /** The + or - between start and step: not a leading sign and not an exponent's sign. */
    private static int operatorIndex(String head) {
        for (int i = head.length() - 1; i > 0; i--) {
            char c = head.charAt(i);
            if ((c == '+' || c == '-') && head.charAt(i - 1) != 'e' && head.charAt(i - 1) != 'E') {
                return i;
            }
        }
        return -1;
    }

    private static void checkSize(List<Point> out, int times, String token) {
        if ((long) out.size() + times > MAX_POINTS) {
            throw new IllegalArgumentException(
                    "'" + token + "' expands to more than " + MAX_POINTS + " values");
        }
    }

    private static int count(String s, String token) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0 || n > MAX_POINTS) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bad repeat count '" + s + "' in '" + token + "' (want a whole number ≥ 0)");
        }
    }

    private static double number(String s, String token) {
        switch (s) {
            case "Inf", "+Inf", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf", "-inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN", "nan":
                return Double.NaN;
            default:
                break;
        }
        try {
            if (s.isEmpty()
                    || s.endsWith("d")
                    || s.endsWith("f")
                    || s.endsWith("D")
                    || s.endsWith("F")) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bad value '"
                            + s
                            + "' in '"
                            + token
                            + "' (want a number, 'a+bxn', 'a-bxn', 'axn', '_', '_xn' or 'stale')");
        }
    }
}
