package io.condenser.jobs;

import io.condenser.jobs.acceptance.Clients;
import io.condenser.jobs.config.DirectSourceSection;
import io.condenser.jobs.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Drives a {@link LocalRun} for tests: captures stdout (where the printing sink writes), feeds line
 * protocol stamped "now" over TCP so event time advances, and stops everything it started.
 */
final class LocalRunDriver implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final LocalRun run;
    private final Socket socket;

    LocalRunDriver(JobConfig config, long deadline) throws Exception {
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        LocalRun started = null;
        try {
            started = LocalRun.start(config, 0, false);
            socket =
                    Clients.connect(
                            config.direct().lineProtocolPort(),
                            Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis())));
        } catch (Exception e) {
            System.setOut(original);
            if (started != null) {
                started.stop(Duration.ofSeconds(30));
            }
            throw e;
        }
        run = started;
    }

    String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code template} (with {@code NOW} replaced by the current time in ns) every 200 ms
     * until the output satisfies {@code done} or the deadline passes.
     *
     * @return the output at that point
     */
    String feedUntil(String template, Predicate<String> done, long deadline) throws Exception {
        OutputStream out = socket.getOutputStream();
        String output = output();
        while (System.currentTimeMillis() < deadline && !done.test(output)) {
            String nowNs = Long.toString(System.currentTimeMillis() * 1_000_000L);
            out.write(template.replace("NOW", nowNs).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
            output = output();
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        System.setOut(original);
        try {
            socket.close();
        } finally {
            run.stop(Duration.ofSeconds(30));
        }
    }

    /**
     * The direct source's keys for these tests: line protocol only, on a free 127.0.0.1 port (which
     * the driver then connects to).
     */
    static Consumer<DirectSourceSection.Builder> loopbackLineProtocolOnly() throws IOException {
        int port = freePort();
        return d -> d.bindAddress("127.0.0.1").lineProtocolPort(port).httpPort(0).graphitePort(0);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
