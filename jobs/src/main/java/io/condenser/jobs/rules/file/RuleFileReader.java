package io.condenser.jobs.rules.file;

import io.condenser.jobs.rules.RuleSetUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the rule path every interval and emits a {@link RuleSetUpdate} when the texts differ from
 * the last emitted ones. Contents are compared, not modification times: rule files are small, and
 * mtimes miss an edit within the file system's timestamp granularity and fire on a touch.
 *
 * <p>A path that cannot be read (missing, permissions, half-written by a non-atomic copy) emits
 * nothing and is retried at the next poll, so the set in force stays; texts that do not parse are
 * emitted as they are, and the pipeline's validator rejects them (keeping the previous set).
 */
final class RuleFileReader implements SourceReader<RuleSetUpdate, RuleFileSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleFileReader.class);
    private static final long LOG_EVERY_MS = 60_000;

    private final String path;
    private final long intervalMs;
    private final ScheduledExecutorService timer;
    private RuleFileSplit split;
    private long nextPollAt;
    private long lastErrorLogAt = -LOG_EVERY_MS;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    RuleFileReader(String path, long intervalMs) {
        this.path = path;
        this.intervalMs = intervalMs;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "rule-file-poll");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public void start() {}

    @Override
    public synchronized InputStatus pollNext(ReaderOutput<RuleSetUpdate> output) {
        if (split == null || System.currentTimeMillis() < nextPollAt) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        nextPollAt = System.currentTimeMillis() + intervalMs;
        RuleSetUpdate update = poll();
        if (update != null) {
            output.collect(update);
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    /** The update to emit now, or null. */
    RuleSetUpdate poll() {
        Path path = Path.of(split.path());
        SortedMap<String, String> texts;
        try {
            texts = RuleFiles.read(path);
        } catch (IOException | RuntimeException e) {
            long now = System.currentTimeMillis();
            if (now - lastErrorLogAt >= LOG_EVERY_MS) {
                lastErrorLogAt = now;
                LOG.warn(
                        "cannot read rules at {} (keeping the rules in force): {}",
                        path,
                        e.toString());
            }
            return null;
        }
        String digest = RuleFiles.digest(texts);
        if (digest.equals(split.digest())) {
            return null;
        }
        split = new RuleFileSplit(split.path(), split.version() + 1, digest);
        LOG.info(
                "rules at {} changed: version {}, files {}", path, split.version(), texts.keySet());
        // effective from now: every stage switches the changed rules at the next common window
        // boundary (the first set a job gets is in force at once)
        return new RuleSetUpdate(
                split.version(), "file:" + path, texts, System.currentTimeMillis());
    }

    @Override
    public synchronized CompletableFuture<Void> isAvailable() {
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        CompletableFuture<Void> f = available;
        if (split != null) {
            long delay = Math.max(0, nextPollAt - System.currentTimeMillis());
            timer.schedule(() -> f.complete(null), delay, TimeUnit.MILLISECONDS);
        }
        return f;
    }

    @Override
    public synchronized List<RuleFileSplit> snapshotState(long checkpointId) {
        List<RuleFileSplit> state = new ArrayList<>(1);
        if (split != null) {
            state.add(split);
        }
        return state;
    }

    @Override
    public synchronized void addSplits(List<RuleFileSplit> splits) {
        if (!splits.isEmpty()) {
            RuleFileSplit restored = splits.get(0);
            // the configured path wins over a checkpointed one: moving the directory survives.
            // The first poll sends the rules again even when unchanged: the stages keep them in
            // state and take an unchanged set as no change, and the rule stream's watermark lets
            // go of event time at the first set it sees (instead of after the grace period)
            split = new RuleFileSplit(path, restored.version(), "");
            nextPollAt = 0;
            available.complete(null);
        }
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
