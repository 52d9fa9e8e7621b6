package io.condenser.jobs.testing;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Telegraf-like agent for tests: writes Influx line protocol over its own TCP connection to the
 * direct source, buffers what it cannot send while disconnected (as Telegraf's {@code
 * metric_buffer_limit} does) and sends the buffer first when it connects again. Remembers every
 * sample it wrote, as the parser will read it (name = measurement_field), for the reference.
 */
public final class TcpAgent implements AutoCloseable {

    private final int port;
    private final List<Sample> written = new ArrayList<>();
    private final List<String> buffered = new ArrayList<>();
    private final List<Sample> bufferedSamples = new ArrayList<>();
    private Socket socket;
    private OutputStream out;

    public TcpAgent(int port) {
        this.port = port;
    }

    /** Connects (retrying while the listener is not up yet, up to the deadline) and flushes. */
    public TcpAgent connect(long deadlineMs) throws Exception {
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket = s;
                out = s.getOutputStream();
                break;
            } catch (IOException e) {
                s.close();
                if (System.currentTimeMillis() > deadlineMs) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        if (!buffered.isEmpty()) {
            write(String.join("", buffered), bufferedSamples);
            buffered.clear();
            bufferedSamples.clear();
        }
        return this;
    }

    /** Closes the connection (the agent stays: it buffers until {@link #connect}). */
    public void disconnect() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
            out = null;
        }
    }

    public boolean connected() {
        return socket != null;
    }

    /**
     * One sample: {@code measurement,tags field=value ts}; written at once when connected, else
     * buffered.
     */
    public void send(String measurement, String field, Labels tags, long timestampMs, double value)
            throws IOException {
        StringBuilder line = new StringBuilder(measurement);
        for (int i = 0; i < tags.size(); i++) {
            line.append(',').append(tags.name(i)).append('=').append(tags.value(i));
        }
        line.append(' ')
                .append(field)
                .append('=')
                .append(value)
                .append(' ')
                .append(timestampMs * 1_000_000L)
                .append('\n');
        Sample s = Sample.of(measurement + "_" + field, tags, timestampMs, value);
        if (out == null) {
            buffered.add(line.toString());
            bufferedSamples.add(s);
        } else {
            write(line.toString(), List.of(s));
        }
    }

    private void write(String text, List<Sample> samples) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        written.addAll(samples);
    }

    /** Every sample written to a connection, in order. */
    public List<Sample> written() {
        return List.copyOf(written);
    }

    @Override
    public void close() throws IOException {
        disconnect();
    }
}
