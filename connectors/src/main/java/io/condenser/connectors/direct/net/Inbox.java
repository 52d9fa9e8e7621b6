package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectParsers;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.util.RateLimitedLog;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a reader offers the shared network listeners: its queue, metrics and parsers, and the split
 * each protocol's samples belong to. Listeners pick an inbox per connection or request; closing the
 * inbox (the reader closes) closes its connections so agents reconnect elsewhere.
 */
public final class Inbox {

    private final SampleQueue queue;
    private final DirectSourceMetrics metrics;
    private final DirectSourceConfig config;
    private final DirectParsers parsers;
    private final RateLimitedLog log;
    private final Map<Protocol, String> splitIds = new ConcurrentHashMap<>();
    private final Set<Closeable> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    public Inbox(
            SampleQueue queue,
            DirectSourceMetrics metrics,
            DirectSourceConfig config,
            DirectParsers parsers,
            RateLimitedLog log) {
        this.queue = queue;
        this.metrics = metrics;
        this.config = config;
        this.parsers = parsers;
        this.log = log;
    }

    public SampleQueue queue() {
        return queue;
    }

    public DirectSourceMetrics metrics() {
        return metrics;
    }

    public DirectSourceConfig config() {
        return config;
    }

    public DirectParsers parsers() {
        return parsers;
    }

    public RateLimitedLog log() {
        return log;
    }

    public String splitId(Protocol protocol) {
        return splitIds.get(protocol);
    }

    public void serve(Protocol protocol, String splitId) {
        splitIds.putIfAbsent(protocol, splitId);
    }

    public boolean isOpen() {
        return open;
    }

    /** Registers a connection to close with the inbox; false (and nothing kept) when closed. */
    public boolean track(Closeable connection) {
        connections.add(connection);
        if (!open) {
            connections.remove(connection);
            return false;
        }
        return true;
    }

    public void untrack(Closeable connection) {
        connections.remove(connection);
    }

    public void close() {
        open = false;
        for (Closeable c : connections) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // closing on the way out: nothing useful to do
            }
        }
        connections.clear();
    }
}
