package io.condenser.connectors.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompresses a stream of concatenated gzip members, as Telegraf's socket_writer sends with {@code
 * content_encoding = "gzip"} (one member per metric batch, on one long-lived connection).
 *
 * <p>{@code java.util.zip.GZIPInputStream} is not used: at a member boundary it only looks for a
 * next member when {@code available() > 0}, so on a socket whose next member has not arrived yet it
 * reports end of stream and the rest of the connection is lost. Commons-compress with {@code
 * decompressConcatenated} blocks for the next header instead, like any socket read.
 */
public final class GzipMembers {

    private GzipMembers() {}

    /**
     * A stream of the decompressed bytes of every member until the input ends. An input that ends
     * before any byte is an empty stream (a client that connected and left); anything else that is
     * not gzip fails on read with an {@link IOException}.
     */
    public static InputStream decompress(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 1);
        int first = peek.read();
        if (first == -1) {
            return InputStream.nullInputStream();
        }
        peek.unread(first);
        return new GzipCompressorInputStream(peek, true);
    }
}
