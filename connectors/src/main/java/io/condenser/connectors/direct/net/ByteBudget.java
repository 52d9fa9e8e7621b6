package io.condenser.connectors.direct.net;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of HTTP bodies held at once by one listener (received and not yet parsed). The event loop
 * reads bodies without a thread per request, so without this bound a thousand clients sending large
 * bodies at once would fill the heap; a request that does not fit is answered 503 and retried.
 */
final class ByteBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    ByteBudget(long capacity) {
        this.capacity = capacity;
    }

    boolean reserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (true) {
            long u = used.get();
            if (u + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    long used() {
        return used.get();
    }

    long capacity() {
        return capacity;
    }
}
