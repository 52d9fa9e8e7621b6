package io.condenser.connectors.loadgen;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Batches written to a stream shared by all workers (target {@code -}: standard output), e.g. piped
 * into a Kafka producer. Whole batches are written under the stream's lock, so lines never mix.
 */
final class StreamBatchSender implements BatchSender {

    private final OutputStream out;

    StreamBatchSender(OutputStream out) {
        this.out = out;
    }

    @Override
    public long send(byte[] body, long giveUpNanos) throws IOException {
        synchronized (out) {
            out.write(body);
        }
        return System.currentTimeMillis();
    }

    @Override
    public long retries() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }
}
