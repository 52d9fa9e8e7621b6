package io.condenser.connectors.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompresses a stream of concatenated gzip members, as Telegraf's socket_writer sends with {@code
 * content_encoding = "gzip"} (one member per metric batch, on one long-lived connection).
 *
 * <p>Two library behaviours rule out the obvious one-liners on a socket. {@code
 * java.util.zip.GZIPInputStream} only looks for a next member when {@code available() > 0}, so when
 * the next batch has not arrived yet it reports end of stream and the rest of the connection is
 * lost. Commons-compress with {@code decompressConcatenated = true} reads on into the next member's
 * header before returning the current member's last bytes, so every batch would wait for the next
 * one (10 s with Telegraf's default flush interval). Here each member gets its own {@link
 * GzipCompressorInputStream} over one shared mark-supporting buffer (commons-compress hands unused
 * input back through mark/reset, so the buffer sits exactly at the next member), and a member's
 * bytes come out as soon as it is complete.
 */
public final class GzipMembers extends InputStream {

    private final BufferedInputStream source;
    private GzipCompressorInputStream member;

    private GzipMembers(InputStream in) {
        this.source = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
    }

    /**
     * A stream of the decompressed bytes of every member until the input ends. An input that ends
     * before any byte, or right after a member, ends the stream normally; anything that is not gzip
     * fails on read with an {@link IOException}.
     */
    public static InputStream decompress(InputStream in) {
        return new GzipMembers(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // read(byte[]) returns at least one byte or -1 for a positive length
        }
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (member == null) {
                source.mark(1);
                if (source.read() == -1) {
                    return -1;
                }
                source.reset();
                member =
                        GzipCompressorInputStream.builder()
                                .setInputStream(source)
                                .setDecompressConcatenated(false)
                                .get();
            }
            int n = member.read(b, off, len);
            if (n != -1) {
                return n;
            }
            // Member done; its inflater is already released. Not closed: that would close source.
            member = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (member != null) {
            member.close(); // closes source too
        } else {
            source.close();
        }
    }
}
