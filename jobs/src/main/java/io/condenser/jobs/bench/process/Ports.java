package io.condenser.jobs.bench.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Free loopback ports, and waiting for one to accept connections. */
public final class Ports {

    private Ports() {}

    /** A port nothing listens on right now (the usual race applies: use it soon). */
    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Two consecutive free ports, {@code p} and {@code p + 1} (a Flink reporter port range). */
    public static int freePair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = free();
            if (p < 65535 && isFree(p + 1)) {
                return p;
            }
        }
        throw new IOException("no two consecutive free ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits (bounded) until 127.0.0.1:port accepts a connection; false if it never did. */
    public static boolean awaitListening(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        return false;
    }
}
