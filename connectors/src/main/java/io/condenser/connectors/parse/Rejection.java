package io.condenser.connectors.parse;

/**
 * A line or record a parser refused.
 *
 * @param lineNumber 1-based line (or record) number within the parsed input
 * @param reason a short stable token, safe as a metric label (e.g. {@code bad_timestamp})
 * @param detail a sentence for humans naming the bad part and its value
 * @param excerpt the start of the offending line, shortened for logs
 */
public record Rejection(long lineNumber, String reason, String detail, String excerpt) {

    public static final int MAX_EXCERPT = 120;

    public static Rejection of(long lineNumber, String reason, String detail, CharSequence line) {
        String ex = line == null ? "" : line.toString();
        if (ex.length() > MAX_EXCERPT) {
            ex = ex.substring(0, MAX_EXCERPT) + "...";
        }
        return new Rejection(lineNumber, reason, detail, ex);
    }

    /** {@code line 3: bad_timestamp: <detail>: <excerpt>}, as {@code condenser parse} prints it. */
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason + ": " + detail + ": " + excerpt;
    }
}
