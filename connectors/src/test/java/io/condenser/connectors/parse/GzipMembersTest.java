package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Telegraf's TCP {@code content_encoding = "gzip"}: one gzip member per metric batch. */
class GzipMembersTest {

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bos.toByteArray();
    }

    static List<String> frameAll(InputStream in) throws IOException {
        LineFramerTest.Collector c = new LineFramerTest.Collector();
        new LineFramer(true, 1000, c).feedAll(GzipMembers.decompress(in));
        return c.out;
    }

    @Test
    void concatenatedMembersInOneBuffer() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(gzip("a v=1\n"));
        all.write(gzip("b v=2\nc v=3\n"));
        all.write(gzip("d s=\"x\ny\",v=4\n"));
        assertThat(frameAll(new ByteArrayInputStream(all.toByteArray())))
                .containsExactly("1:a v=1", "2:b v=2", "3:c v=3", "4:d s=\"x\ny\",v=4");
    }

    @Test
    void plainTextIsAnErrorNotGarbage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                frameAll(
                                        new ByteArrayInputStream(
                                                "cpu v=1\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void emptyConnectionGivesNothing() throws IOException {
        assertThat(frameAll(new ByteArrayInputStream(new byte[0]))).isEmpty();
    }

    /**
     * A socket-like stream: {@code available()} is 0 and each read blocks until the sender puts the
     * next member. The sender only sends member n+1 once the lines of member n came out, so this
     * proves both that no member boundary ends the stream early and that a member's lines are not
     * held back waiting for the next member.
     */
    @Test
    @Timeout(30)
    void membersArrivingOneAtATimeOnASlowStream() throws Exception {
        SlowStream slow = new SlowStream();
        List<String> lines = new CopyOnWriteArrayList<>();
        LineFramer framer =
                new LineFramer(
                        true,
                        1000,
                        new LineFramer.Handler() {
                            @Override
                            public void onLine(byte[] buf, int off, int len, long n) {
                                lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
                            }

                            @Override
                            public void onRejected(Rejection r) {
                                lines.add("rejected " + r);
                            }
                        });
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                framer.feedAll(GzipMembers.decompress(slow));
                            } catch (IOException e) {
                                lines.add("error " + e);
                            }
                        });
        reader.start();
        for (int i = 1; i <= 5; i++) {
            slow.chunks.put(gzip("m,member=" + i + " v=" + i + "\n"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lines.size() < i && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(lines).as("lines after member %d", i).hasSize(i);
        }
        slow.chunks.put(new byte[0]); // end of stream
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(lines)
                .containsExactly(
                        "m,member=1 v=1",
                        "m,member=2 v=2",
                        "m,member=3 v=3",
                        "m,member=4 v=4",
                        "m,member=5 v=5");
    }

    /** Delivers queued chunks; an empty chunk ends the stream. Never reports bytes available. */
    static final class SlowStream extends InputStream {
        final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    byte[] next = chunks.poll(20, TimeUnit.SECONDS);
                    if (next == null) {
                        throw new IOException("test sender stalled");
                    }
                    if (next.length == 0) {
                        ended = true;
                    }
                    current = next;
                    pos = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
