package io.condenser.connectors.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A secret (token, password) kept in a file and re-read when the file's modification time or size
 * changes, so rotated secrets (Kubernetes secrets and projected tokens, Vault agents) are picked up
 * without a restart. Checked on each use: a stat is cheap next to a network round trip. Secrets
 * come from files only, never from the command line or the configuration text, where {@code ps},
 * shell history and logs would show them.
 */
public final class SecretFile {

    private final Path path;
    private FileTime lastModified;
    private long lastSize = -1;
    private String secret;

    public SecretFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * The file's contents, surrounding white space (a trailing newline) removed.
     *
     * @throws IOException when the file cannot be read or is empty
     */
    public synchronized String read() throws IOException {
        FileTime mtime = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        if (secret == null || !mtime.equals(lastModified) || size != lastSize) {
            String s = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                throw new IOException(path + " is empty");
            }
            secret = s;
            lastModified = mtime;
            lastSize = size;
        }
        return secret;
    }

    @Override
    public String toString() {
        return path.toString(); // never the secret
    }
}
