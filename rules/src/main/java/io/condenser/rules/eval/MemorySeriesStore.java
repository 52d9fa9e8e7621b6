package io.condenser.rules.eval;

import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesStage;
import io.condenser.rules.engine.SeriesState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The series stage's keyed state in memory: what the job keeps in RocksDB. */
final class MemorySeriesStore {

    private static final class Entry {
        SeriesState state;
        List<MatchedSample> parked = new ArrayList<>();
        long parkedSince = Long.MIN_VALUE;

        boolean empty() {
            return state == null && parked.isEmpty();
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** The store of one key. */
    SeriesStage.Store of(String key) {
        return new SeriesStage.Store() {
            private Entry entry(boolean create) {
                Entry e = entries.get(key);
                if (e == null && create) {
                    e = new Entry();
                    entries.put(key, e);
                }
                return e;
            }

            private void tidy() {
                Entry e = entries.get(key);
                if (e != null && e.empty()) {
                    entries.remove(key);
                }
            }

            @Override
            public SeriesState state() {
                Entry e = entry(false);
                return e == null ? null : e.state;
            }

            @Override
            public void update(SeriesState state) {
                entry(true).state = state;
            }

            @Override
            public void clear() {
                Entry e = entry(false);
                if (e != null) {
                    e.state = null;
                    tidy();
                }
            }

            @Override
            public List<MatchedSample> parked() {
                Entry e = entry(false);
                return e == null ? List.of() : List.copyOf(e.parked);
            }

            @Override
            public void park(MatchedSample sample) {
                entry(true).parked.add(sample);
            }

            @Override
            public boolean hasParked() {
                Entry e = entry(false);
                return e != null && !e.parked.isEmpty();
            }

            @Override
            public long parkedSince() {
                Entry e = entry(false);
                return e == null ? Long.MIN_VALUE : e.parkedSince;
            }

            @Override
            public void parkedSince(long watermark) {
                entry(true).parkedSince = watermark;
            }

            @Override
            public void clearParked() {
                Entry e = entry(false);
                if (e != null) {
                    e.parked.clear();
                    e.parkedSince = Long.MIN_VALUE;
                    tidy();
                }
            }
        };
    }

    /** Series with state. */
    int size() {
        return (int) entries.values().stream().filter(e -> e.state != null).count();
    }

    /** Series holding a dedup candidate. */
    long holding() {
        return entries.values().stream()
                .filter(e -> e.state != null && e.state.feed.holdsSample())
                .count();
    }
}
