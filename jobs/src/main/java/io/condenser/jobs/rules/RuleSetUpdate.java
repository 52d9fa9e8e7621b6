package io.condenser.jobs.rules;

import io.condenser.rules.parse.RuleSetLoader;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A whole rule set as its sources wrote it: rule-file names and YAML texts, with a version. This
 * (not parsed {@code Rule} objects) is what flows through the broadcast stream and sits in
 * broadcast state: the text is the file form users edit, it serializes trivially and stays readable
 * by every future release, and every operator parses it with the same validator.
 *
 * @param version monotonic per origin (a file source's reload counter, a Kafka record's offset)
 * @param origin where it came from, for logs and metrics ({@code file:/etc/condenser/rules}, {@code
 *     kafka:condenser-rules/0@42})
 * @param files rule-file name to YAML text, sorted by name
 * @param effectiveFromMs when the set takes effect, epoch ms (the time its source published it):
 *     every stage switches each changed rule at the same window boundary at or after it ({@code
 *     RuleTimeline}); Long.MIN_VALUE: at once (the first set a job gets is always in force from the
 *     beginning)
 */
@TypeInfo(RuleSetUpdateTypeInfoFactory.class)
public record RuleSetUpdate(
        long version, String origin, SortedMap<String, String> files, long effectiveFromMs) {

    /** Takes effect as soon as every stage has it ({@code effectiveFromMs} = Long.MIN_VALUE). */
    public static final long AT_ONCE = Long.MIN_VALUE;

    public RuleSetUpdate {
        Objects.requireNonNull(origin, "origin");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** A set that takes effect at once. */
    public RuleSetUpdate(long version, String origin, SortedMap<String, String> files) {
        this(version, origin, files, AT_ONCE);
    }

    /** The same set taking effect at {@code effectiveFromMs}. */
    public RuleSetUpdate effectiveFrom(long effectiveFromMs) {
        return new RuleSetUpdate(version, origin, files, effectiveFromMs);
    }

    /** Parses and validates the texts as one set (all or nothing). */
    public RuleSetLoader.Result load() {
        return RuleSetLoader.loadTexts(files, version);
    }
}
