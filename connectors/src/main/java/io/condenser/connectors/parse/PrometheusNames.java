package io.condenser.connectors.parse;

/**
 * Metric and label names sanitised exactly as Telegraf's Prometheus serializers do
 * (plugins/serializers/prometheus/convert.go), so a series keeps the name users already see when
 * Telegraf writes to Prometheus itself: the first character is kept only if it may start a name
 * (otherwise dropped), every later invalid character becomes {@code _}, and leading and trailing
 * underscores are trimmed. A name that ends up empty is invalid (null).
 */
public final class PrometheusNames {

    private PrometheusNames() {}

    /** A metric name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, or null when nothing valid remains. */
    public static String sanitizeMetricName(String name) {
        return sanitize(name, true);
    }

    /** A label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}, or null when nothing valid remains. */
    public static String sanitizeLabelName(String name) {
        return sanitize(name, false);
    }

    private static String sanitize(String name, boolean allowColon) {
        if (isValid(name, allowColon)) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length());
        int i = 0;
        boolean first = true;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            if (first) {
                if (isFirst(cp, allowColon)) {
                    sb.appendCodePoint(cp);
                }
                first = false;
            } else if (isRest(cp, allowColon)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('_');
            }
            i += Character.charCount(cp);
        }
        int start = 0;
        int end = sb.length();
        while (start < end && sb.charAt(start) == '_') {
            start++;
        }
        while (end > start && sb.charAt(end - 1) == '_') {
            end--;
        }
        if (start == end) {
            return null;
        }
        // Dropping an invalid first character can leave a digit in front ("-1a" -> "1a"), which
        // Telegraf would emit as an invalid name; a leading "_" keeps it valid and distinct.
        return isFirst(sb.charAt(start), allowColon)
                ? sb.substring(start, end)
                : "_" + sb.substring(start, end);
    }

    /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}: a name as it is, without sanitising. */
    public static boolean isValidMetricName(String name) {
        return isValid(name, true);
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean isValidLabelName(String name) {
        return isValid(name, false);
    }

    private static boolean isValid(String name, boolean allowColon) {
        if (name.isEmpty() || !isFirst(name.charAt(0), allowColon)) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isRest(name.charAt(i), allowColon)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFirst(int c, boolean allowColon) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '_'
                || (allowColon && c == ':');
    }

    private static boolean isRest(int c, boolean allowColon) {
        return isFirst(c, allowColon) || (c >= '0' && c <= '9');
    }
}
