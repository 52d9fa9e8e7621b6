package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import java.net.BindException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One listener per (bind address, port) per JVM, shared by all source subtasks of the job running
 * in this TaskManager: the first reader that serves a protocol binds the port, later ones join, the
 * last one to leave closes it. Connections (TCP) and requests (HTTP) are handed to the joined
 * readers round-robin, so agents that point at one {@code host:port} spread over every subtask;
 * across TaskManagers a load balancer (e.g. a Kubernetes Service) spreads them.
 *
 * <p>Chosen over {@code SO_REUSEPORT} because the kernel's connection hashing ignores load, and a
 * second job on the same ports would silently steal connections instead of failing to bind (which
 * is a {@link ListenerBindException}: the job fails with one line). Subtasks of one job on one
 * TaskManager share the job's user-code class loader, hence this static registry.
 */
public final class SharedListeners {

    private static final Map<String, Listener> LISTENERS = new HashMap<>();

    /** How long a port in use is retried before the job fails on it. */
    static final long BIND_RETRY_MS = 3_000;

    private SharedListeners() {}

    /** What a reader holds while it serves a protocol; closing leaves the listener. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @throws ListenerBindException when the port cannot be served (in use, not this host's
     *     address, no privileges, TLS or credentials unreadable): a configuration error, which
     *     fails the job for good
     */
    public static Lease acquire(DirectSourceConfig config, Protocol protocol, Inbox inbox) {
        String key = config.bindAddress() + ":" + config.port(protocol);
        Listener listener;
        synchronized (LISTENERS) {
            listener = LISTENERS.get(key);
            if (listener == null) {
                listener = start(config, protocol, inbox);
                LISTENERS.put(key, listener);
            } else if (listener.protocol() != protocol) {
                throw ListenerBindException.cannotStart(
                        config.bindAddress(),
                        config.port(protocol),
                        protocol,
                        "is already serving "
                                + ListenerBindException.displayName(listener.protocol())
                                + " in this TaskManager",
                        null);
            } else {
                listener.add(inbox);
            }
        }
        Listener joined = listener;
        return () -> release(key, joined, inbox);
    }

    /**
     * Binds with the first reader already joined, retrying "in use" for a few seconds: a previous
     * attempt of this job (a restart, a restore from a savepoint) may be releasing the port in
     * another TaskManager process.
     */
    private static Listener start(DirectSourceConfig config, Protocol protocol, Inbox first) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BIND_RETRY_MS);
        while (true) {
            try {
                return switch (protocol) {
                    case HTTP -> HttpListener.start(config, first);
                    case TCP_LINE_PROTOCOL, TCP_GRAPHITE ->
                            TcpListener.start(config, protocol, first);
                };
            } catch (ListenerBindException e) {
                if (!(e.getCause() instanceof BindException) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Closes under the lock: a restarted subtask that acquires right after waits for the port to be
     * released instead of failing to bind it.
     */
    private static void release(String key, Listener listener, Inbox inbox) {
        synchronized (LISTENERS) {
            if (listener.remove(inbox)) {
                if (LISTENERS.get(key) == listener) {
                    LISTENERS.remove(key);
                }
                listener.close();
            }
        }
    }
}
