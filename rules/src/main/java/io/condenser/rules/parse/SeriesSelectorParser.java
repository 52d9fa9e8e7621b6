package io.condenser.rules.parse;

import com.google.re2j.PatternSyntaxException;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.SeriesSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a PromQL series selector: an optional metric name, then optional braces with matchers
 * {@code name op "value"} separated by commas (a trailing comma allowed), operators {@code = != =~
 * !~}, values as Go-style string literals. As in PromQL, at least one matcher must not match the
 * empty string (otherwise the selector would select every series). Hand-written: the grammar is
 * small and a PromQL parser library for Java would drag in far more than selectors.
 */
public final class SeriesSelectorParser {

    private final String s;
    private int pos;

    private SeriesSelectorParser(String s) {
        this.s = s;
    }

    /**
     * @throws SelectorSyntaxException naming the column and the bad text
     */
    public static SeriesSelector parse(String text) throws SelectorSyntaxException {
        return new SeriesSelectorParser(text).selector();
    }

    private SeriesSelector selector() throws SelectorSyntaxException {
        List<LabelMatcher> matchers = new ArrayList<>();
        skipSpace();
        int nameColumn = pos + 1;
        String metricName = null;
        if (pos < s.length() && isMetricNameStart(s.charAt(pos))) {
            int start = pos;
            while (pos < s.length() && isMetricNameChar(s.charAt(pos))) {
                pos++;
            }
            metricName = s.substring(start, pos);
            matchers.add(LabelMatcher.of(LabelMatcher.METRIC_NAME, LabelMatcher.Op.EQ, metricName));
            skipSpace();
        }
        boolean braces = pos < s.length() && s.charAt(pos) == '{';
        if (braces) {
            pos++;
            matcherList(matchers, metricName != null);
        }
        skipSpace();
        if (pos < s.length()) {
            throw error(
                    metricName == null && !braces
                            ? "expected a metric name or {, got " + excerpt(s, pos)
                            : "unexpected text after the selector: " + excerpt(s, pos));
        }
        if (metricName == null && !braces) {
            throw new SelectorSyntaxException(nameColumn, "empty selector");
        }
        if (matchers.stream().allMatch(m -> m.matches(null))) {
            throw new SelectorSyntaxException(
                    0,
                    "must contain at least one matcher that does not match the empty string"
                            + " (it would select every series)");
        }
        return new SeriesSelector(s.strip(), matchers);
    }

    private void matcherList(List<LabelMatcher> out, boolean hasMetricName)
            throws SelectorSyntaxException {
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                throw error("expected a label name or }, got end of input");
            }
            if (s.charAt(pos) == '}') {
                pos++;
                return;
            }
            out.add(matcher(hasMetricName));
            skipSpace();
            if (pos >= s.length()) {
                throw error("expected , or }, got end of input");
            }
            char c = s.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c != '}') {
                throw error("expected , or }, got " + excerpt(s, pos));
            }
        }
    }

    private LabelMatcher matcher(boolean hasMetricName) throws SelectorSyntaxException {
        int nameStart = pos;
        if (!isLabelNameStart(s.charAt(pos))) {
            throw error("expected a label name, got " + excerpt(s, pos));
        }
        while (pos < s.length() && isLabelNameChar(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(nameStart, pos);
        if (hasMetricName && name.equals(LabelMatcher.METRIC_NAME)) {
            throw new SelectorSyntaxException(
                    nameStart + 1, "metric name given twice: before the braces and as __name__");
        }
        skipSpace();
        LabelMatcher.Op op = operator();
        skipSpace();
        if (pos >= s.length() || "\"'`".indexOf(s.charAt(pos)) < 0) {
            throw error(
                    "expected a quoted string after "
                            + name
                            + op.symbol()
                            + ", got "
                            + (pos >= s.length() ? "end of input" : excerpt(s, pos)));
        }
        int valueStart = pos;
        GoStringLiteral.Result value = GoStringLiteral.read(s, pos);
        pos = value.end();
        try {
            return LabelMatcher.of(name, op, value.value());
        } catch (PatternSyntaxException e) {
            throw new SelectorSyntaxException(
                    valueStart + 1,
                    "invalid regex in " + s.substring(nameStart, pos) + ": " + e.getDescription());
        }
    }

    private LabelMatcher.Op operator() throws SelectorSyntaxException {
        if (s.startsWith("=~", pos)) {
            pos += 2;
            return LabelMatcher.Op.RE;
        }
        if (s.startsWith("!~", pos)) {
            pos += 2;
            return LabelMatcher.Op.NRE;
        }
        if (s.startsWith("!=", pos)) {
            pos += 2;
            return LabelMatcher.Op.NEQ;
        }
        if (s.startsWith("=", pos)) {
            pos += 1;
            return LabelMatcher.Op.EQ;
        }
        throw error(
                "expected one of =, !=, =~, !~, got "
                        + (pos >= s.length() ? "end of input" : excerpt(s, pos)));
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private SelectorSyntaxException error(String detail) {
        return new SelectorSyntaxException(pos + 1, detail);
    }

    /** Up to 12 characters of the text from {@code from}, quoted, for messages. */
    static String excerpt(String s, int from) {
        String rest = s.substring(from);
        return '"' + (rest.length() > 12 ? rest.substring(0, 12) + "..." : rest) + '"';
    }

    static boolean isMetricNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    static boolean isMetricNameChar(char c) {
        return isMetricNameStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isLabelNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isLabelNameChar(char c) {
        return isLabelNameStart(c) || (c >= '0' && c <= '9');
    }

    /** Is this a valid Prometheus metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*})? */
    public static boolean isValidMetricName(String name) {
        if (name.isEmpty() || !isMetricNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isMetricNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Is this a valid Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*})? */
    public static boolean isValidLabelName(String name) {
        if (name.isEmpty() || !isLabelNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isLabelNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
