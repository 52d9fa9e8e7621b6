package io.condenser.rules.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every rule in force at one time, by name, with a version and a content hash.
 *
 * <p>The version is a monotonic number the loader supplies (it orders updates; the set itself
 * cannot know it). The content hash is SHA-256 over a canonical form of the rules, not over the
 * source text: comments, formatting, quoting, rule order and the file a rule lives in do not change
 * it, so a reload that changes nothing is recognisably a no-op. Two sets with equal hashes hold the
 * same rules.
 */
public final class RuleSet {

    public static final RuleSet EMPTY = of(0, List.of());

    private final long version;
    private final Map<String, Rule> byName;
    private final Map<String, String> canonical;
    private final String contentHash;

    private RuleSet(long version, Map<String, Rule> byName) {
        this.version = version;
        this.byName = byName;
        this.canonical = new LinkedHashMap<>();
        byName.forEach((name, rule) -> canonical.put(name, canonicalForm(rule)));
        this.contentHash = hash(new TreeSet<>(canonical.values()));
    }

    /**
     * @throws IllegalArgumentException for two rules with one name (loaders report those as
     *     problems before they get here)
     */
    public static RuleSet of(long version, Collection<Rule> rules) {
        Map<String, Rule> byName = new LinkedHashMap<>();
        for (Rule r : rules) {
            Rule previous = byName.putIfAbsent(r.name(), r);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "duplicate rule name \""
                                + r.name()
                                + "\" at "
                                + r.source()
                                + " and "
                                + previous.source());
            }
        }
        return new RuleSet(version, byName);
    }

    public long version() {
        return version;
    }

    /** SHA-256 of the canonical form, lower-case hex. */
    public String contentHash() {
        return contentHash;
    }

    /** Every rule, in load order (file name order, then position in the file). */
    public List<Rule> rules() {
        return List.copyOf(byName.values());
    }

    /** The enabled rules, in load order. */
    public List<Rule> enabledRules() {
        List<Rule> out = new ArrayList<>();
        for (Rule r : byName.values()) {
            if (r.enabled()) {
                out.add(r);
            }
        }
        return out;
    }

    /** The rule with this name, or null. */
    public Rule rule(String name) {
        return byName.get(name);
    }

    public int size() {
        return byName.size();
    }

    /** What an update from {@code old} to {@code updated} adds, removes and changes. */
    public static RuleSetDiff diff(RuleSet old, RuleSet updated) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : updated.canonical.entrySet()) {
            String before = old.canonical.get(e.getKey());
            if (before == null) {
                added.add(e.getKey());
            } else if (!before.equals(e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String name : old.canonical.keySet()) {
            if (!updated.canonical.containsKey(name)) {
                removed.add(name);
            }
        }
        added.sort(null);
        removed.sort(null);
        changed.sort(null);
        return new RuleSetDiff(old.version, updated.version, added, removed, changed);
    }

    /**
     * A rule as text in which only meaning counts: its position is dropped, every selector is
     * written as its sorted matchers and the selectors are sorted. Built from the record's own
     * {@code toString}, so every field takes part (a field added to {@link Rule} must be passed on
     * here, and the compiler insists).
     */
    public static String canonicalForm(Rule r) {
        List<SeriesSelector> selectors = new ArrayList<>();
        for (SeriesSelector s : r.match()) {
            List<LabelMatcher> sorted = new ArrayList<>(s.matchers());
            sorted.sort(Comparator.comparing(LabelMatcher::toString));
            selectors.add(new SeriesSelector(sorted.toString(), sorted));
        }
        selectors.sort(Comparator.comparing(SeriesSelector::text));
        return new Rule(
                        r.name(),
                        r.enabled(),
                        selectors,
                        r.interval(),
                        r.delay(),
                        r.stalenessInterval(),
                        r.dedupInterval(),
                        r.grouping(),
                        r.dropInputLabels(),
                        r.outputs(),
                        r.keepMetricNames(),
                        r.outputName(),
                        r.maxOutputSeries(),
                        Rule.SourcePosition.UNKNOWN)
                .toString();
    }

    private static String hash(Collection<String> canonicalRules) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String s : canonicalRules) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                // length-prefixed, so no two different lists of rules hash the same bytes
                sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RuleSet v"
                + version
                + " ("
                + byName.size()
                + " rules, "
                + contentHash.substring(0, 12)
                + ")";
    }
}
