package io.condenser.rules.eval;

import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.engine.GroupStage;
import io.condenser.rules.engine.GroupState;
import io.condenser.rules.engine.SeriesPartial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The group stage's keyed state in memory: what the job keeps in RocksDB. */
final class MemoryGroupStore {

    private static final class Entry {
        GroupState state;
        final TreeMap<Long, Aggregator[]> windows = new TreeMap<>();
        final List<SeriesPartial> parked = new ArrayList<>();
        long parkedSince = Long.MIN_VALUE;

        boolean empty() {
            return state == null && windows.isEmpty() && parked.isEmpty();
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** The store of one key. */
    GroupStage.Store of(String key) {
        return new GroupStage.Store() {
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
            public GroupState state() {
                Entry e = entry(false);
                return e == null ? null : e.state;
            }

            @Override
            public void update(GroupState state) {
                entry(true).state = state;
            }

            @Override
            public void clear() {
                Entry e = entry(false);
                if (e != null) {
                    e.state = null;
                    e.windows.clear();
                    tidy();
                }
            }

            @Override
            public Aggregator[] window(long end) {
                Entry e = entry(false);
                return e == null ? null : e.windows.get(end);
            }

            @Override
            public void putWindow(long end, Aggregator[] aggregators) {
                entry(true).windows.put(end, aggregators);
            }

            @Override
            public void removeWindow(long end) {
                Entry e = entry(false);
                if (e != null) {
                    e.windows.remove(end);
                    tidy();
                }
            }

            @Override
            public Iterable<Long> windowEnds() {
                Entry e = entry(false);
                return e == null ? List.of() : List.copyOf(e.windows.keySet());
            }

            @Override
            public List<SeriesPartial> parked() {
                Entry e = entry(false);
                return e == null ? List.of() : List.copyOf(e.parked);
            }

            @Override
            public void park(SeriesPartial partial) {
                entry(true).parked.add(partial);
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

    /** Groups alive. */
    int size() {
        return (int) entries.values().stream().filter(e -> e.state != null).count();
    }
}
