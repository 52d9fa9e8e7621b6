package io.condenser.jobs.acceptance;

import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Live traffic from several clients at once, stamped "now", one point per client and second so
 * event time keeps moving (windows close only while input flows). What every client had accepted is
 * kept as samples for the reference evaluator. Runs in its own thread until {@link #close}; a
 * client that fails stops the traffic and the failure is rethrown by {@link #checkHealthy}.
 */
public final class Traffic implements AutoCloseable {

    /** One client: sends a batch of points, returns once the server took them (or throws). */
    @FunctionalInterface
    public interface Client {
        void send(List<Point> points) throws Exception;
    }

    private record Named(String host, Client client) {}

    private final String measurement;
    private final String field;
    private final List<Named> clients = new ArrayList<>();
    private final List<Sample> sent = new CopyOnWriteArrayList<>();
    private volatile Throwable failure;
    private volatile boolean stop;
    private Thread thread;
    private long tick;

    public Traffic(String measurement, String field) {
        this.measurement = measurement;
        this.field = field;
    }

    /** A client whose points carry {@code host=<host>}. */
    public Traffic client(String host, Client client) {
        clients.add(new Named(host, client));
        return this;
    }

    public Traffic start() {
        thread = new Thread(this::loop, "acceptance-traffic");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (!stop) {
                long now = System.currentTimeMillis();
                tick++;
                for (Named c : clients) {
                    // values differ per client and second, so a lost or doubled point shows
                    Point p =
                            new Point(
                                    measurement,
                                    Map.of("host", c.host()),
                                    field,
                                    tick % 7 + c.host().length(),
                                    now);
                    c.client().send(List.of(p));
                    sent.add(p.sample());
                }
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - now)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /**
     * Every sample a client had delivered so far; throws the failure once a client has failed, so a
     * wait on the output ends with the cause instead of running out with the traffic stopped.
     */
    public List<Sample> sent() {
        checkHealthy();
        return List.copyOf(sent);
    }

    public void checkHealthy() {
        if (failure != null) {
            throw new AssertionError("a client failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
