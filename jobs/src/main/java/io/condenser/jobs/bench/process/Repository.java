package io.condenser.jobs.bench.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the checkout the command runs from keeps what the benchmark needs: the cluster and broker
 * scripts, the Flink configuration, and the shaded job jar the launcher built.
 */
public record Repository(Path root) {

    public Path script(String name) {
        return root.resolve("scripts").resolve(name);
    }

    public Path flinkConf() {
        return root.resolve("flink-conf/config.yaml");
    }

    public Path jobJar() {
        return root.resolve("jobs/target/condenser-jobs.jar");
    }

    /**
     * The checkout this code runs from: three levels above the jar ({@code jobs/target/x.jar}) or
     * class directory ({@code jobs/target/classes}), else the working directory.
     *
     * @throws IllegalStateException when neither holds {@code scripts/flink-cluster.sh}
     */
    public static Repository locate() {
        try {
            Path code =
                    Path.of(
                            Repository.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            Path candidate = code.getParent() == null ? null : code.getParent().getParent();
            candidate = candidate == null ? null : candidate.getParent();
            if (candidate != null && isCheckout(candidate)) {
                return new Repository(candidate);
            }
        } catch (Exception e) {
            // fall back to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (isCheckout(cwd)) {
            return new Repository(cwd);
        }
        throw new IllegalStateException(
                "cannot find the Condenser checkout (scripts/flink-cluster.sh) above the jar or in "
                        + cwd);
    }

    private static boolean isCheckout(Path dir) {
        return Files.isExecutable(dir.resolve("scripts/flink-cluster.sh"))
                && Files.isRegularFile(dir.resolve("flink-conf/config.yaml"));
    }
}
