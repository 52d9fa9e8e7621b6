package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./condenser run} does, in process: the job on an embedded MiniCluster with the direct
 * source on free 127.0.0.1 ports, a rules directory, and the printing sink. Line protocol goes in
 * over TCP; aggregated exposition lines must come out on stdout.
 */
class LocalRunITCase {

    private static final String RULES =
            """
            rules:
              - name: test-sum
                match: test_value
                interval: 1s
                by: [host]
                outputs: [sum_samples]
            """;

    /** The first rule set plus a second rule: added by editing the rules directory. */
    private static final String RULES_V2 =
            RULES
                    + """
                      - name: other-max
                        match: other_value
                        interval: 1s
                        by: []
                        outputs: [max]
                    """;

    @Test
    @Timeout(240)
    void linesInExpositionOutAndARuleAddedByFile(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("test.yaml"), RULES);
        int lpPort = freePort();
        JobConfig config =
                JobConfig.builder()
                        .bindAddress("127.0.0.1")
                        .lineProtocolPort(lpPort)
                        .httpPort(0)
                        .graphitePort(0)
                        .rulesPath(rules.toString())
                        .rulesPollInterval(Duration.ofMillis(200))
                        .checkpointInterval(Duration.ofSeconds(1))
                        .checkpointDir(dir.resolve("checkpoints").toUri().toString())
                        .parallelism(1) // the TaskManager gets exactly this many slots
                        .build();

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        LocalRun run = null;
        try {
            run = LocalRun.start(config, 0, false);
            String output = "";
            long deadline = System.currentTimeMillis() + 200_000;
            boolean edited = false;
            try (Socket socket = connect(lpPort, deadline)) {
                OutputStream out = socket.getOutputStream();
                while (System.currentTimeMillis() < deadline) {
                    long nowNs = System.currentTimeMillis() * 1_000_000L;
                    String lines =
                            "test,host=h1 value=1 "
                                    + nowNs
                                    + "\n"
                                    + "test,host=h1 value=2 "
                                    + nowNs
                                    + "\n"
                                    + "test,host=h2 value=5 "
                                    + nowNs
                                    + "\n"
                                    + "other,host=h1 value=9 "
                                    + nowNs
                                    + "\n";
                    out.write(lines.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    output = captured.toString(StandardCharsets.UTF_8);
                    if (!edited
                            && output.contains("host=\"h1\"")
                            && output.contains("host=\"h2\"")) {
                        assertThat(output).doesNotContain("other_value");
                        // atomic replace, as docs/operations.md advises
                        Path tmp = rules.resolve(".test.yaml.tmp");
                        Files.writeString(tmp, RULES_V2);
                        Files.move(tmp, rules.resolve("test.yaml"), StandardCopyOption.ATOMIC_MOVE);
                        edited = true;
                    }
                    if (edited && output.contains("other_value")) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            assertThat(output.lines().filter(l -> l.startsWith("test_value")))
                    .as("exposition lines on stdout")
                    .anySatisfy(
                            l -> assertThat(l).matches("test_value\\S*\\{host=\"h1\"} \\S+ \\d+"))
                    .anySatisfy(l -> assertThat(l).contains("{host=\"h2\"} "));
            assertThat(output.lines().filter(l -> l.startsWith("other_value")))
                    .as("the rule added by editing the file")
                    .anySatisfy(l -> assertThat(l).matches("other_value\\S* 9 \\d+"));
        } finally {
            System.setOut(original);
            if (run != null) {
                run.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static Socket connect(int port, long deadline) throws Exception {
        while (true) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return s;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
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
