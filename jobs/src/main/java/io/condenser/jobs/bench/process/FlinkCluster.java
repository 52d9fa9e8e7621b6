package io.condenser.jobs.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Flink session cluster (one JobManager, one TaskManager) started with the
 * repository's {@code scripts/flink-cluster.sh} on a copy of {@code flink-conf/config.yaml} whose
 * ports and directories are private to this run; jobs are submitted with {@code scripts/flink.sh
 * run} (the shaded jar, as users submit it) and watched through the REST API.
 */
public final class FlinkCluster implements AutoCloseable {

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final Scripts scripts;
    private final FlinkRest rest;
    private boolean started;

    private FlinkCluster(Scripts scripts, int restPort) {
        this.scripts = scripts;
        this.rest = new FlinkRest(restPort);
    }

    /**
     * Writes the configuration copy under {@code dir} and starts the cluster (bounded by the
     * script's own waits).
     *
     * @param slots TaskManager slots: the job's parallelism
     */
    public static FlinkCluster start(Repository repo, Path dir, int slots)
            throws IOException, InterruptedException {
        int rest = Ports.free();
        Path conf = writeConf(repo, dir, rest, Ports.free(), Ports.freePair(), slots);
        Map<String, String> env = new TreeMap<>();
        env.put("FLINK_CONF_DIR", conf.toString());
        env.put("FLINK_REST_PORT", Integer.toString(rest));
        env.put("CONDENSER_STATE", dir.resolve("state").toString());
        FlinkCluster cluster = new FlinkCluster(new Scripts(repo, env), rest);
        cluster.started = true;
        try {
            cluster.scripts.run("flink-cluster.sh", List.of("start"), 300);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * {@code flink-conf/config.yaml} with only ports, slots and directories changed, plus a
     * one-second REST metric refresh (the default ten seconds would blur every rate the benchmark
     * reads).
     */
    static Path writeConf(Repository repo, Path dir, int rest, int rpc, int promPair, int slots)
            throws IOException {
        String yaml = Files.readString(repo.flinkConf());
        String copy = replaceOnce(yaml, "port: 8081", "port: " + rest);
        copy = replaceOnce(copy, "port: 6123", "port: " + rpc);
        copy = replaceOnce(copy, "port: 9249-9259", "port: " + promPair + "-" + (promPair + 1));
        copy = replaceOnce(copy, "numberOfTaskSlots: 2", "numberOfTaskSlots: " + slots);
        copy = copy.replace("file:///tmp/condenser/", dir.toUri() + "flink/");
        copy +=
                "\n# condenser bench: REST metrics fresh to the second\nmetrics.fetcher.update-interval: 1000\n";
        Path conf = dir.resolve("flink-conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("config.yaml"), copy);
        return conf;
    }

    private static String replaceOnce(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException(
                    "flink-conf/config.yaml no longer contains '"
                            + what
                            + "'; update FlinkCluster");
        }
        return text.replace(what, with);
    }

    /** Submits the shaded job jar with these job arguments; returns the job id. */
    public String submit(Path jar, List<String> jobArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "-d", jar.toString()));
        args.addAll(jobArgs);
        String out = scripts.run("flink.sh", args, 300);
        Matcher m = JOB_ID.matcher(out);
        if (!m.find()) {
            throw new IOException("flink run printed no JobID:\n" + out);
        }
        return m.group(1);
    }

    /** The job's REST details ({@code /jobs/:id}). */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return rest.job(jobId);
    }

    /** Waits (bounded) until every task of the job runs; throws if the job failed. */
    public void awaitRunning(String jobId, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (allRunning(jobId)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IOException("job " + jobId + " not running within " + timeout);
    }

    /** Whether every subtask of every vertex runs (a bounded source may have finished). */
    public boolean allRunning(String jobId) throws IOException, InterruptedException {
        JsonNode details = job(jobId);
        String state = details.path("state").asText();
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
            throw new IOException("job " + jobId + " is " + state);
        }
        boolean all = state.equals("RUNNING");
        for (JsonNode v : details.path("vertices")) {
            JsonNode tasks = v.path("tasks");
            int up = tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt();
            all &= up == v.path("parallelism").asInt();
        }
        return all;
    }

    /** Records a vertex wrote so far ({@code write-records}), by a name fragment; -1 if none. */
    public long recordsOut(String jobId, String vertexName)
            throws IOException, InterruptedException {
        for (JsonNode v : job(jobId).path("vertices")) {
            if (v.path("name").asText().contains(vertexName)) {
                return v.path("metrics").path("write-records").asLong(-1);
            }
        }
        return -1;
    }

    /**
     * The smallest current input watermark over a vertex's subtasks (by name fragment), empty while
     * any subtask has none yet.
     */
    public OptionalLong inputWatermark(String jobId, String vertexName)
            throws IOException, InterruptedException {
        for (JsonNode v : job(jobId).path("vertices")) {
            if (!v.path("name").asText().contains(vertexName)) {
                continue;
            }
            JsonNode marks =
                    get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/watermarks");
            long min = Long.MAX_VALUE;
            int n = 0;
            for (JsonNode m : marks) {
                if (m.path("id").asText().endsWith("currentInputWatermark")) {
                    long w = Long.parseLong(m.path("value").asText("-9223372036854775808"));
                    min = Math.min(min, w);
                    n++;
                }
            }
            if (n < v.path("parallelism").asInt() || min <= Long.MIN_VALUE + 1) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(min);
        }
        return OptionalLong.empty();
    }

    /**
     * The sum over a vertex's subtasks of an operator metric whose id ends with {@code suffix}
     * (e.g. {@code tcpSamplesAtRisk}), -1 when it has none.
     */
    public long subtaskMetricSum(String jobId, String vertexName, String suffix)
            throws IOException, InterruptedException {
        return rest.subtaskMetricSum(jobId, vertexName, suffix);
    }

    /** {@code /jobs/:id/checkpoints}. */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** Cancels the job and waits (bounded) until it is no longer running. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        rest.patch("/jobs/" + jobId + "?mode=cancel");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String state = job(jobId).path("state").asText();
            if (state.equals("CANCELED") || state.equals("FAILED") || state.equals("FINISHED")) {
                return;
            }
            Thread.sleep(300);
        }
    }

    /** The JobManager's and the TaskManager's PIDs (from the script's PID files), those alive. */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        taskManagerPid().ifPresent(out::add);
        pid("jobmanager").ifPresent(out::add);
        return out;
    }

    public OptionalLong taskManagerPid() {
        return pid("taskmanager");
    }

    public OptionalLong jobManagerPid() {
        return pid("jobmanager");
    }

    private OptionalLong pid(String role) {
        Path file = scripts.state("flink/" + role + ".pid");
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * {@code kill -9} of the TaskManager this cluster started (its PID file, nothing else); waits
     * until the process is gone. Returns the killed PID.
     */
    public long killTaskManager() throws IOException, InterruptedException {
        long pid = taskManagerPid().orElseThrow(() -> new IOException("no TaskManager PID file"));
        ProcessHandle handle =
                ProcessHandle.of(pid)
                        .orElseThrow(
                                () -> new IOException("TaskManager " + pid + " is not running"));
        handle.destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && ProcCpu.cpuMillis(pid).isPresent()) {
            Thread.sleep(50);
        }
        // the script treats a PID that still exists as running; this one is dead for good
        Files.deleteIfExists(scripts.state("flink/taskmanager.pid"));
        return pid;
    }

    /** Starts a TaskManager again with the script (the JobManager keeps running). */
    public void restartTaskManager() throws IOException, InterruptedException {
        scripts.run("flink-cluster.sh", List.of("start"), 300);
    }

    public String restUrl() {
        return rest.url();
    }

    /** The cluster's log directory (the script writes one file per process there). */
    public Path logDir() {
        return scripts.state("flink/log");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return rest.get(path);
    }

    /** Stops both processes with the script (TERM, then KILL, by their PID files). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            scripts.run("flink-cluster.sh", List.of("stop"), 120);
        }
    }
}
