package io.condenser.rules.parse;

import io.condenser.rules.parse.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to one rule's keys: each getter reports a wrong YAML type as a problem (naming the
 * key, the expected type and what was found) and returns null, so checking goes on.
 */
final class FieldReader {

    /** A value and the line it was written on. */
    record At<T>(T value, int line) {}

    private final YamlNode.MapNode map;
    private final Problems problems;

    FieldReader(YamlNode.MapNode map, Problems problems) {
        this.map = map;
        this.problems = problems;
    }

    boolean isMapping(String key) {
        return node(key) instanceof YamlNode.MapNode;
    }

    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** The line of the key, or the rule's line when the key is absent. */
    int line(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.line() : e.keyLine();
    }

    At<String> string(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (isString(n)) {
            return new At<>(((Scalar) n).text(), n.line());
        }
        problems.add(n.line(), key + " must be a string, got " + describe(n));
        return null;
    }

    /** A duration key: written as a string like {@code 1m}; a bare number is a common mistake. */
    At<String> durationText(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
            return new At<>(s.text(), s.line());
        }
        problems.add(
                n.line(),
                key + " must be a duration like 30s or 1m30s (with a unit), got " + describe(n));
        return null;
    }

    At<Boolean> bool(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        // YAML 1.1 also reads yes/no/on/off as booleans; only true and false are accepted here,
        // so "enabled: off" is a message instead of a guess.
        if (n instanceof Scalar s
                && s.kind() == Scalar.Kind.BOOL
                && (s.text().equalsIgnoreCase("true") || s.text().equalsIgnoreCase("false"))) {
            return new At<>(s.text().equalsIgnoreCase("true"), s.line());
        }
        problems.add(n.line(), key + " must be true or false, got " + describe(n));
        return null;
    }

    At<Long> integer(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.kind() == Scalar.Kind.INT) {
            try {
                return new At<>(Long.parseLong(s.text().replace("_", "")), s.line());
            } catch (NumberFormatException e) {
                // falls through to the message below (a hex or out-of-range integer)
            }
        }
        problems.add(n.line(), key + " must be an integer, got " + describe(n));
        return null;
    }

    /**
     * A list of strings; with {@code scalarAllowed}, a single string stands for a one-item list.
     * Null when absent or of the wrong type; items of the wrong type are reported and skipped.
     */
    At<List<At<String>>> strings(String key, boolean scalarAllowed, String what) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (scalarAllowed && isString(n)) {
            return new At<>(List.of(new At<>(((Scalar) n).text(), n.line())), n.line());
        }
        if (!(n instanceof YamlNode.ListNode list)) {
            problems.add(n.line(), key + " must be " + what + ", got " + describe(n));
            return null;
        }
        List<At<String>> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            if (isString(item)) {
                out.add(new At<>(((Scalar) item).text(), item.line()));
            } else {
                problems.add(
                        item.line(),
                        key + "[" + (i + 1) + "] must be a string, got " + describe(item));
            }
        }
        return new At<>(out, n.line());
    }

    /** A list of numbers (YAML ints or floats, including {@code .inf} and {@code .nan}). */
    At<List<At<Double>>> numbers(String key) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.ListNode list)) {
            problems.add(n.line(), key + " must be a list of numbers, got " + describe(n));
            return null;
        }
        List<At<Double>> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            Double v = number(item);
            if (v == null) {
                problems.add(
                        item.line(),
                        key + "[" + (i + 1) + "] must be a number, got " + describe(item));
            } else {
                out.add(new At<>(v, item.line()));
            }
        }
        return new At<>(out, n.line());
    }

    private static Double number(YamlNode n) {
        if (!(n instanceof Scalar s)
                || (s.kind() != Scalar.Kind.INT && s.kind() != Scalar.Kind.FLOAT)) {
            return null;
        }
        String t = s.text().replace("_", "");
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case ".inf", "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    /**
     * A string, or a YAML 1.1 boolean spelt other than true/false: {@code name: off} or {@code by:
     * [no]} mean the word (the "Norway problem"), and we have the text as written.
     */
    private static boolean isString(YamlNode n) {
        if (!(n instanceof Scalar s)) {
            return false;
        }
        return s.kind() == Scalar.Kind.STRING
                || (s.kind() == Scalar.Kind.BOOL
                        && !s.text().equalsIgnoreCase("true")
                        && !s.text().equalsIgnoreCase("false"));
    }

    /** The value of a key, or null when the key is absent. */
    private YamlNode node(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    /** How a wrong value is shown: a scalar as written (strings quoted), anything else by type. */
    static String describe(YamlNode n) {
        if (n instanceof Scalar s) {
            return switch (s.kind()) {
                case NULL -> "nothing";
                case STRING -> '"' + s.text() + '"';
                default -> s.text();
            };
        }
        return n.typeName();
    }
}
