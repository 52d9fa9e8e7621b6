package io.condenser.rules.eval;

import io.condenser.rules.aggregate.SeriesIds;
import java.util.TreeMap;

/** Evaluator state of one input series: its identity, its group and its {@link SeriesFeed}. */
final class InputSeries {

    final String metricName;
    final TreeMap<String, String> labels;
    final long seriesId;
    final String groupKey;

    /** Dedup, staleness and counter state: what the series carries from sample to sample. */
    final SeriesFeed feed = new SeriesFeed();

    InputSeries(InputSample sample, String seriesKey, String groupKey) {
        this.metricName = sample.metricName();
        this.labels = sample.labels();
        this.seriesId = SeriesIds.of(seriesKey);
        this.groupKey = groupKey;
    }
}
