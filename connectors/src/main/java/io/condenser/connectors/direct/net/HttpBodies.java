package io.condenser.connectors.direct.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Content encodings of write bodies: which are taken, and gunzip within the size limit. */
final class HttpBodies {

    /** The decompressed body is over the limit: answered 413. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** What a 415 offers instead ({@code Accept-Encoding} of the answer, RFC 7694). */
    static final String LINE_PROTOCOL_ENCODINGS = "gzip, identity";

    private HttpBodies() {}

    static boolean isGzip(String encoding) {
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    }

    /** Line-protocol bodies: plain or gzip (Telegraf's {@code content_encoding}). */
    static boolean lineProtocolAccepts(String encoding) {
        return encoding == null
                || encoding.isBlank()
                || isGzip(encoding)
                || encoding.trim().equalsIgnoreCase("identity");
    }

    /**
     * Remote-write bodies are snappy block-compressed by the protocol; senders say so in {@code
     * Content-Encoding} (Prometheus does) or not at all.
     */
    static boolean remoteWriteAccepts(String encoding) {
        return encoding == null
                || encoding.isBlank()
                || encoding.trim().toLowerCase(Locale.ROOT).equals("snappy");
    }

    /**
     * The body to parse: gunzipped (every concatenated member) when {@code gzip}, else as it is.
     *
     * @throws TooLarge when more than {@code maxBytes} come out
     * @throws IOException when it is not gzip
     */
    static byte[] decode(byte[] body, int length, String encoding, int maxBytes)
            throws IOException {
        if (!isGzip(encoding)) {
            return length == body.length ? body : java.util.Arrays.copyOf(body, length);
        }
        try (GzipCompressorInputStream in =
                new GzipCompressorInputStream(new ByteArrayInputStream(body, 0, length), true)) {
            byte[] out = in.readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
                throw new TooLarge("body is over the limit of " + maxBytes + " bytes after gunzip");
            }
            return out;
        }
    }
}
