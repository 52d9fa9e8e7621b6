package io.condenser.jobs.cli;

import io.condenser.connectors.parse.FormatDetection;
import io.condenser.connectors.parse.GzipMembers;
import io.condenser.connectors.parse.InputFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Metrics input the command-line tools read: a file, {@code -} for stdin, or an http(s) URL (GET,
 * 2xx expected). Gzip input (by its magic bytes) is decompressed; the format can be told from the
 * first bytes ({@link FormatDetection}).
 */
final class InputSource {

    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final int BUFFER_BYTES = 1 << 20;

    private InputSource() {}

    /** The input's bytes, buffered and decompressed; close it when done. */
    static BufferedInputStream open(String spec, InputStream stdin) throws IOException {
        InputStream raw;
        if (spec.equals("-")) {
            raw = stdin;
        } else if (spec.startsWith("http://") || spec.startsWith("https://")) {
            raw = get(URI.create(spec));
        } else {
            raw = Files.newInputStream(Path.of(spec));
        }
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(GzipMembers.decompress(in), BUFFER_BYTES);
        }
        return in;
    }

    /** The format of an opened input, from its first bytes; the stream is left where it was. */
    static Optional<InputFormat> detect(BufferedInputStream in) throws IOException {
        in.mark(FormatDetection.HEAD_BYTES);
        byte[] head = in.readNBytes(FormatDetection.HEAD_BYTES);
        in.reset();
        return FormatDetection.detect(head, head.length);
    }

    /** A GET whose 2xx body streams; anything else is an IOException naming status and URL. */
    static InputStream get(URI uri) throws IOException {
        HttpClient client =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream b = response.body()) {
                body = new String(b.readNBytes(300), java.nio.charset.StandardCharsets.UTF_8);
            }
            throw new IOException(
                    "GET " + uri + " answered " + response.statusCode() + ": " + body.strip());
        }
        return response.body();
    }
}
