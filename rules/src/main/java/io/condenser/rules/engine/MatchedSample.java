package io.condenser.rules.engine;

import io.condenser.model.Sample;
import java.util.Objects;

/**
 * One input sample matched to one rule definition, after the rule's {@code drop_input_labels}: what
 * the match stage sends to the per-series stage. Immutable.
 *
 * <p>A class rather than a record only to keep {@link #seriesKey()} once built: Flink's keyBy asks
 * for it on both sides of the shuffle (to pick the channel, then to set the key context), and it is
 * the series' whole exposition text.
 */
public final class MatchedSample {

    private final String rule;
    private final int fingerprint;
    private final Sample sample;

    /** Built on first use; a racing thread builds the same string. */
    private String seriesKey;

    /**
     * @param rule the rule's name
     * @param fingerprint the definition it was matched under ({@link CompiledRule#fingerprint})
     * @param sample the sample, dropped labels removed
     */
    public MatchedSample(String rule, int fingerprint, Sample sample) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.fingerprint = fingerprint;
        this.sample = Objects.requireNonNull(sample, "sample");
    }

    public String rule() {
        return rule;
    }

    public int fingerprint() {
        return fingerprint;
    }

    public Sample sample() {
        return sample;
    }

    /** The per-series key: rule and input series (the format release 0.1 keyed state by). */
    public String seriesKey() {
        String k = seriesKey;
        if (k == null) {
            k = seriesKey(rule, sample);
            seriesKey = k;
        }
        return k;
    }

    public static String seriesKey(String rule, Sample sample) {
        return rule + '\u0000' + sample.seriesId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchedSample m
                && fingerprint == m.fingerprint
                && rule.equals(m.rule)
                && sample.equals(m.sample);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, fingerprint, sample);
    }

    @Override
    public String toString() {
        return "MatchedSample[rule="
                + rule
                + ", fingerprint="
                + fingerprint
                + ", sample="
                + sample
                + "]";
    }
}
