package io.condenser.connectors.direct.net;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads a request body within the size limit, before and after gunzip. */
final class HttpBodies {

    /** The body is over the limit: answered with 413. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private HttpBodies() {}

    static byte[] read(HttpExchange ex, int maxBytes, boolean allowGzip) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBytes) {
                    throw new TooLarge(
                            "body of " + length.trim() + " bytes is over the limit of " + maxBytes);
                }
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length '" + length + "'");
            }
        }
        InputStream in = ex.getRequestBody();
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (allowGzip && encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
            in = new GzipCompressorInputStream(in, true);
        } else if (allowGzip
                && encoding != null
                && !encoding.isBlank()
                && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new IOException("unsupported Content-Encoding '" + encoding + "'");
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new TooLarge("body is over the limit of " + maxBytes + " bytes");
        }
        return body;
    }
}
