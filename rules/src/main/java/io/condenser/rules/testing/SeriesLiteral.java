package io.condenser.rules.testing;

import io.condenser.rules.model.LabelMatcher;
import java.util.TreeMap;

/**
 * A series written out in a test file: {@code name{label="value", …}} or {@code {__name__="name",
 * …}}, label values with the Prometheus escapes {@code \"}, {@code \\}, {@code \n}. Equality only
 * (this names one series; selectors with operators are the rule file's business).
 *
 * @param name the metric name
 * @param labels the other labels, sorted
 */
public record SeriesLiteral(String name, TreeMap<String, String> labels) {

    /**
     * @throws IllegalArgumentException showing the text and the position of the problem
     */
    public static SeriesLiteral parse(String text) {
        return new Reader(text.trim()).read();
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        SeriesLiteral read() {
            String name = identifier(true);
            TreeMap<String, String> labels = new TreeMap<>();
            if (pos < s.length()) {
                expect('{');
                skipSpaces();
                while (peek() != '}') {
                    String label = identifier(false);
                    skipSpaces();
                    expect('=');
                    skipSpaces();
                    String value = quoted();
                    if (labels.put(label, value) != null) {
                        throw error("duplicate label " + label);
                    }
                    skipSpaces();
                    if (peek() == ',') {
                        pos++;
                        skipSpaces();
                    } else if (peek() != '}') {
                        throw error("expected ',' or '}'");
                    }
                }
                pos++;
                if (pos != s.length()) {
                    throw error("unexpected text after '}'");
                }
            }
            String fromLabel = labels.remove(LabelMatcher.METRIC_NAME);
            if (fromLabel != null) {
                if (!name.isEmpty()) {
                    throw error("metric name given twice");
                }
                name = fromLabel;
            }
            if (name.isEmpty()) {
                throw error("no metric name");
            }
            return new SeriesLiteral(name, labels);
        }

        private String identifier(boolean metric) {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                boolean ok =
                        Character.isLetter(c)
                                || c == '_'
                                || (metric && c == ':')
                                || (pos > start && Character.isDigit(c));
                if (!ok || c > 127) {
                    break;
                }
                pos++;
            }
            if (!metric && pos == start) {
                throw error("expected a label name");
            }
            return s.substring(start, pos);
        }

        private String quoted() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '"') {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    sb.append(e == 'n' ? '\n' : e);
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(
                    "bad series '" + s + "' at position " + (pos + 1) + ": " + what);
        }
    }
}
