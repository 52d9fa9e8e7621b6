package io.condenser.jobs.rules.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the rule texts at a path: the file itself, or every {@code *.yml} / {@code *.yaml} directly
 * in the directory (not recursive; hidden files skipped: editors and Kubernetes ConfigMap mounts
 * keep temporary and {@code ..data} entries there).
 */
public final class RuleFiles {

    private RuleFiles() {}

    /** The texts by file name, sorted. */
    public static SortedMap<String, String> read(Path path) throws IOException {
        SortedMap<String, String> texts = new TreeMap<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(RuleFiles::isRuleFile).sorted().toList();
            }
            for (Path f : files) {
                texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } else {
            texts.put(
                    path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
        }
        return texts;
    }

    static boolean isRuleFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".")
                && (name.endsWith(".yml") || name.endsWith(".yaml"))
                && Files.isRegularFile(p);
    }

    /** Hex SHA-256 over names and texts, each length-prefixed so boundaries cannot shift. */
    public static String digest(Map<String, String> texts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (var e : texts.entrySet()) {
                for (String s : List.of(e.getKey(), e.getValue())) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                    md.update((byte) ':');
                    md.update(b);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
