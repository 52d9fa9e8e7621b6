package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.Protocol;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound port, shared by every reader (inbox) of the job on this TaskManager; work is handed to
 * the inboxes round-robin.
 */
abstract class Listener {

    private final List<Inbox> inboxes = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    abstract Protocol protocol();

    abstract void close();

    final void add(Inbox inbox) {
        inboxes.add(inbox);
    }

    /** Removes an inbox; true when none is left (the listener should close). */
    final boolean remove(Inbox inbox) {
        inboxes.remove(inbox);
        return inboxes.isEmpty();
    }

    /** The next open inbox round-robin, or null when no reader is serving. */
    final Inbox nextInbox() {
        for (int tries = 0; tries < Math.max(1, inboxes.size()); tries++) {
            List<Inbox> snapshot = inboxes;
            int n = snapshot.size();
            if (n == 0) {
                return null;
            }
            Inbox inbox;
            try {
                inbox = snapshot.get(Math.floorMod(next.getAndIncrement(), n));
            } catch (IndexOutOfBoundsException raced) {
                continue;
            }
            if (inbox.isOpen()) {
                return inbox;
            }
        }
        return null;
    }

    /**
     * The open inbox for one client, the same while the readers stay: one client's requests then
     * keep their order through one subtask (counters skip samples that arrive out of order).
     * Round-robin when the client's inbox is closed.
     */
    final Inbox inboxFor(String client) {
        List<Inbox> snapshot = inboxes;
        int n = snapshot.size();
        if (n == 0) {
            return null;
        }
        try {
            Inbox inbox = snapshot.get(Math.floorMod(client.hashCode(), n));
            if (inbox.isOpen()) {
                return inbox;
            }
        } catch (IndexOutOfBoundsException raced) {
            // a reader left meanwhile
        }
        return nextInbox();
    }

    /** The other open inboxes, to try when the chosen one is full. */
    final List<Inbox> othersThan(Inbox inbox) {
        List<Inbox> others = new java.util.ArrayList<>();
        for (Inbox i : inboxes) {
            if (i != inbox && i.isOpen()) {
                others.add(i);
            }
        }
        return others;
    }

    final boolean hasOpenInbox() {
        return inboxes.stream().anyMatch(Inbox::isOpen);
    }
}
