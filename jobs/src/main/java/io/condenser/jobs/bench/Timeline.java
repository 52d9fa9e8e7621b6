package io.condenser.jobs.bench;

import java.util.ArrayList;
import java.util.List;

/** Once-a-second readings of a path run: samples accepted and outputs received so far. */
final class Timeline {

    /** One reading; {@code accepted} is a running total over TaskManager restarts. */
    record Point(long atMs, long accepted, long outputs) {}

    private final List<Point> points = new ArrayList<>();

    synchronized void add(Point p) {
        points.add(p);
    }

    synchronized List<Point> points() {
        return List.copyOf(points);
    }

    /** Samples accepted by {@code atMs} (the last reading at or before it), 0 before any. */
    synchronized long acceptedAt(long atMs) {
        long v = 0;
        for (Point p : points) {
            if (p.atMs() > atMs) {
                break;
            }
            v = p.accepted();
        }
        return v;
    }
}
