package io.condenser.jobs.cli;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.preview.RulePreview;
import io.condenser.rules.preview.SeriesRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands parsed samples to a {@link RulePreview}: each distinct series is matched once (its {@link
 * SeriesRef} is kept by name and labels), then every sample is one map lookup. Rejections and
 * skipped input are counted; the first few rejections are kept for the user.
 */
final class PreviewFeeder implements ParseListener {

    static final int KEPT_REJECTIONS = 10;

    private record SeriesKey(String name, Labels labels) {}

    private final RulePreview preview;
    private final Map<SeriesKey, SeriesRef> refs = new HashMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<String> firstRejections = new ArrayList<>();
    private long rejected;
    private String source = "";

    PreviewFeeder(RulePreview preview) {
        this.preview = preview;
    }

    /** The input being read now, named in kept rejections. */
    void source(String name) {
        this.source = name;
    }

    @Override
    public void onSample(Sample s) {
        SeriesKey key = new SeriesKey(s.name(), s.labels());
        SeriesRef ref = refs.get(key);
        if (ref == null) {
            ref = preview.series(s.name(), s.labels().toMap());
            refs.put(key, ref);
        }
        preview.sample(ref, s.timestampMs(), s.value(), s.isStale());
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejected++;
        if (firstRejections.size() < KEPT_REJECTIONS) {
            firstRejections.add(source + ": " + rejection);
        }
    }

    @Override
    public void onSkipped(String reason, long count) {
        skipped.merge(reason, count, Long::sum);
    }

    long rejected() {
        return rejected;
    }

    List<String> firstRejections() {
        return firstRejections;
    }

    Map<String, Long> skipped() {
        return skipped;
    }
}
