package io.condenser.connectors.direct.net;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A live stream of gzip members (Telegraf's socket_writer gzips every metric on its own),
 * decompressed one member at a time so each metric is handed on as soon as its member is complete.
 * A single concatenated-mode stream would not do: commons-compress then tries to fill the whole
 * read buffer across members and blocks until later metrics arrive, and the JDK's GZIPInputStream
 * ends the stream at a member boundary when no further bytes happen to be buffered. The underlying
 * stream supports mark/reset, so each member's reader pushes back the bytes it read past its end.
 */
final class GzipMembers extends InputStream {

    private final BufferedInputStream in;
    private InputStream member;

    GzipMembers(BufferedInputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (member == null) {
                in.mark(1);
                if (in.read() < 0) {
                    return -1;
                }
                in.reset();
                member = new GzipCompressorInputStream(in, false);
            }
            int n = member.read(b, off, len);
            if (n >= 0) {
                return n;
            }
            member = null;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
