package io.condenser.jobs.testing;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts each writing a gauge ({@code temp_celsius}) and a counter ({@code http_requests_total})
 * over their own connection ({@link TcpAgent}), with labels {@code dc} and {@code host}; a host may
 * run a clock offset from the others.
 */
public final class Fleet implements AutoCloseable {

    /** The rules the event-time tests run: a gauge and a counter rule, by dc, every 2 s. */
    public static final String RULES =
            """
            rules:
              - name: temp
                match: temp_celsius
                interval: 2s
                by: [dc]
                outputs: [sum_samples, count_samples, max, avg, count_series]
              - name: req
                match: http_requests_total
                interval: 2s
                by: [dc]
                outputs: [total, increase, rate_sum, count_series]
            """;

    /** One host. */
    public static final class Host {
        final String name;
        final Labels labels;
        final TcpAgent agent;
        long offsetMs;
        double requests;
        int n;

        Host(String name, String dc, int port) {
            this.name = name;
            this.labels = Labels.of("dc", dc, "host", name);
            this.agent = new TcpAgent(port);
        }

        public TcpAgent agent() {
            return agent;
        }

        /** This host's clock runs {@code offsetMs} ahead (negative: behind). */
        public Host offset(long offsetMs) {
            this.offsetMs = offsetMs;
            return this;
        }

        /** One sample of each metric, stamped at {@code nowMs} on this host's clock. */
        public void send(long nowMs) throws IOException {
            long ts = nowMs + offsetMs;
            n++;
            requests += 1 + (n % 7);
            agent.send("temp", "celsius", labels, ts, 20 + (n % 11));
            agent.send("http", "requests_total", labels, ts, requests);
        }
    }

    private final List<Host> hosts = new ArrayList<>();

    public Fleet(int port, int count) {
        for (int i = 0; i < count; i++) {
            hosts.add(new Host("h" + i, i % 2 == 0 ? "a" : "b", port));
        }
    }

    public Host host(int i) {
        return hosts.get(i);
    }

    public List<Host> hosts() {
        return hosts;
    }

    public Fleet connectAll(long deadlineMs) throws Exception {
        for (Host h : hosts) {
            h.agent.connect(deadlineMs);
        }
        return this;
    }

    /** Every host sends once, at {@code nowMs} on its own clock. */
    public void send(long nowMs) throws IOException {
        for (Host h : hosts) {
            h.send(nowMs);
        }
    }

    /** Sends every {@code everyMs} of wall clock for {@code forMs}, stamped now. */
    public void sendLive(long forMs, long everyMs) throws Exception {
        long end = System.currentTimeMillis() + forMs;
        while (System.currentTimeMillis() < end) {
            send(System.currentTimeMillis());
            Thread.sleep(everyMs);
        }
    }

    /** Every sample written, by every host, in order per host. */
    public List<Sample> written() {
        List<Sample> all = new ArrayList<>();
        for (Host h : hosts) {
            all.addAll(h.agent.written());
        }
        all.sort(java.util.Comparator.comparingLong(Sample::timestampMs));
        return all;
    }

    /** The smallest last timestamp over the hosts: how far the slowest one got. */
    public long slowestLastTimestampMs() {
        long min = Long.MAX_VALUE;
        for (Host h : hosts) {
            List<Sample> w = h.agent.written();
            if (!w.isEmpty()) {
                min = Math.min(min, w.get(w.size() - 1).timestampMs());
            }
        }
        return min;
    }

    @Override
    public void close() throws IOException {
        for (Host h : hosts) {
            h.agent.close();
        }
    }
}
