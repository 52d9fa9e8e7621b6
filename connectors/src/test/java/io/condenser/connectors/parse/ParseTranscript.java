package io.condenser.connectors.parse;

import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records what a parser reported, and renders it as golden-test text: one exposition line per
 * sample, {@code ! line N reason} per rejection, {@code ~ reason count} per skipped kind.
 */
public final class ParseTranscript implements ParseListener {

    public final List<Sample> samples = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    public final Map<String, Long> skipped = new TreeMap<>();

    public static ParseTranscript of(SampleParser parser, byte[] input) {
        ParseTranscript t = new ParseTranscript();
        parser.parse(input, t);
        return t;
    }

    @Override
    public void onSample(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void onSkipped(String reason, long count) {
        skipped.merge(reason, count, Long::sum);
    }

    /** Samples in input order, then rejections, then skipped counts; lines joined by \n. */
    public String render() {
        List<String> lines = new ArrayList<>();
        samples.forEach(s -> lines.add(s.toString()));
        rejections.forEach(r -> lines.add("! line " + r.lineNumber() + " " + r.reason()));
        skipped.forEach((k, v) -> lines.add("~ " + k + " " + v));
        return String.join("\n", lines);
    }
}
