package io.condenser.connectors.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Line protocol over one TCP connection ({@code socket_writer}): TCP acknowledges nothing, so a
 * batch counts as sent once written; a failed write (the receiver went away) reconnects and writes
 * the batch again, as Telegraf retries a batch its output returned an error for. Bytes the kernel
 * had accepted before the connection broke are lost without notice: that is TCP's loss.
 */
final class TcpBatchSender implements BatchSender {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final URI target;
    private Socket socket;
    private OutputStream out;
    private long retries;

    TcpBatchSender(URI target) throws IOException {
        this.target = target;
        connect(); // the first connection must work: a wrong address fails the run at once
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(
                    new InetSocketAddress(target.getHost(), target.getPort()), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        out = s.getOutputStream();
    }

    @Override
    public long send(byte[] body, long giveUpNanos) throws IOException, InterruptedException {
        long backoff = 0;
        while (true) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(body);
                return System.currentTimeMillis();
            } catch (IOException e) {
                closeQuietly();
                if (System.nanoTime() > giveUpNanos) {
                    return -1;
                }
                retries++;
                backoff = BatchSender.backoff(backoff);
                Thread.sleep(backoff);
            }
        }
    }

    @Override
    public long retries() {
        return retries;
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
        socket = null;
        out = null;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.flush();
        }
        closeQuietly();
    }
}
