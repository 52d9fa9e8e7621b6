package io.condenser.connectors.remotewrite.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A bearer token kept in a file and re-read when the file's modification time or size changes, so
 * rotated tokens (Kubernetes projected service-account tokens, Vault agents) are picked up without
 * a restart. Checked once per request: a stat is cheap next to an HTTP round trip.
 */
final class BearerTokenFile {

    private final Path path;
    private FileTime lastModified;
    private long lastSize = -1;
    private String token;

    BearerTokenFile(Path path) {
        this.path = path;
    }

    synchronized String token() throws IOException {
        FileTime mtime = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        if (token == null || !mtime.equals(lastModified) || size != lastSize) {
            token = Files.readString(path, StandardCharsets.UTF_8).trim();
            lastModified = mtime;
            lastSize = size;
        }
        return token;
    }
}
