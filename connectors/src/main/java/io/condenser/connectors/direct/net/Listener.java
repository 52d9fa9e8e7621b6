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
