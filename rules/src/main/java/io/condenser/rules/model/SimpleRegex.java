package io.condenser.rules.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The regexes rule files are mostly made of, matched without a regex engine: {@code .*}, {@code
 * .+}, literal alternations ({@code GET|POST}), prefixes ({@code node_.*}), suffixes, infixes and
 * literals with {@code .} wildcards ({@code 5..}). RE2J costs hundreds of nanoseconds per match
 * even for these, and label matchers run per sample; Prometheus' {@code FastRegexMatcher} does the
 * same. The semantics are exactly RE2's for {@code ^(?:re)$} with default flags, where {@code .} is
 * any code point but a newline; values containing a newline are left to RE2J by the caller.
 */
final class SimpleRegex {

    private static final String META = "\\.+*?()|[]{}^$";

    private enum Kind {
        ANY,
        NON_EMPTY,
        SET,
        PREFIX,
        SUFFIX,
        CONTAINS,
        DOTS
    }

    private final Kind kind;
    private final String literal;
    private final Set<String> set;

    private SimpleRegex(Kind kind, String literal, Set<String> set) {
        this.kind = kind;
        this.literal = literal;
        this.set = set;
    }

    /** The fast form of a regex, or null when it needs the regex engine. */
    static SimpleRegex of(String re) {
        if (re.equals(".*")) {
            return new SimpleRegex(Kind.ANY, "", null);
        }
        if (re.equals(".+")) {
            return new SimpleRegex(Kind.NON_EMPTY, "", null);
        }
        if (isLiteral(re, "|")) {
            return new SimpleRegex(Kind.SET, "", new HashSet<>(List.of(re.split("\\|", -1))));
        }
        boolean starts = re.startsWith(".*");
        boolean ends = re.endsWith(".*") && re.length() >= 2;
        if (starts && ends && re.length() >= 4 && isLiteral(re.substring(2, re.length() - 2), "")) {
            return new SimpleRegex(Kind.CONTAINS, re.substring(2, re.length() - 2), null);
        }
        if (ends && isLiteral(re.substring(0, re.length() - 2), "")) {
            return new SimpleRegex(Kind.PREFIX, re.substring(0, re.length() - 2), null);
        }
        if (starts && isLiteral(re.substring(2), "")) {
            return new SimpleRegex(Kind.SUFFIX, re.substring(2), null);
        }
        if (isLiteral(re, ".") && re.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            return new SimpleRegex(Kind.DOTS, re, null);
        }
        return null;
    }

    /**
     * @param v a label value without newlines
     */
    boolean matches(String v) {
        return switch (kind) {
            case ANY -> true;
            case NON_EMPTY -> !v.isEmpty();
            case SET -> set.contains(v);
            case PREFIX -> v.startsWith(literal);
            case SUFFIX -> v.endsWith(literal);
            case CONTAINS -> v.contains(literal);
            case DOTS -> matchesDots(v);
        };
    }

    /** {@code .} is one code point (a surrogate pair counts once), anything else itself. */
    private boolean matchesDots(String v) {
        int i = 0;
        for (int k = 0; k < literal.length(); k++) {
            if (i >= v.length()) {
                return false;
            }
            char p = literal.charAt(k);
            if (p == '.') {
                i += Character.charCount(v.codePointAt(i));
            } else if (v.charAt(i) == p) {
                i++;
            } else {
                return false;
            }
        }
        return i == v.length();
    }

    /** No regex metacharacter other than those in {@code allowed}. */
    private static boolean isLiteral(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (META.indexOf(c) >= 0 && allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
