package io.condenser.rules.engine;

import io.condenser.model.Sample;

/**
 * One input sample matched to one rule definition, after the rule's {@code drop_input_labels}: what
 * the match stage sends to the per-series stage.
 *
 * @param rule the rule's name
 * @param fingerprint the definition it was matched under ({@link CompiledRule#fingerprint})
 * @param sample the sample, dropped labels removed
 */
public record MatchedSample(String rule, int fingerprint, Sample sample) {

    /** The per-series key: rule and input series (the format release 0.1 keyed state by). */
    public String seriesKey() {
        return seriesKey(rule, sample);
    }

    public static String seriesKey(String rule, Sample sample) {
        return rule + '\u0000' + sample.seriesId();
    }
}
