package io.condenser.jobs.rules.file;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of a {@link RuleFileSource}: the watched path, the version of the last update
 * emitted and a digest of its content. Both travel in checkpoints, so a restored job neither
 * re-emits an unchanged set nor hands out a version lower than one already seen downstream.
 *
 * @param digest hex SHA-256 of the last emitted set, empty before the first one
 */
public record RuleFileSplit(String path, long version, String digest) implements SourceSplit {

    public static final String SPLIT_ID = "rules-file";

    public RuleFileSplit {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
    }

    @Override
    public String splitId() {
        return SPLIT_ID;
    }
}
