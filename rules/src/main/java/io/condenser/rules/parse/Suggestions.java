package io.condenser.rules.parse;

import java.util.Collection;

/** "did you mean" for misspelt keys and output names: the closest candidate by edit distance. */
final class Suggestions {

    private Suggestions() {}

    /** {@code (did you mean "interval"?)}, or the empty string when nothing is close. */
    static String didYouMean(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && bestDistance <= allowed ? " (did you mean \"" + best + "\"?)" : "";
    }

    /** Levenshtein distance (two rows). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
