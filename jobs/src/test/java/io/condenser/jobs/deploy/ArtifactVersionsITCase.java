package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What users run carries what the tests ran with: every library in the shaded jar ({@code
 * META-INF/maven/.../pom.properties}) and on the launcher's class path ({@code
 * jobs/target/classpath.txt}) has the version this test's own class path has. In 0.2 the launcher's
 * class path had commons-io 2.15.1 while the connectors' tests ran 2.20.0, and gzip hung in the
 * shipped job only. The build's dependency-convergence rule prevents the cause; this checks the
 * artifacts.
 */
class ArtifactVersionsITCase {

    private static final Path TARGET = ClusterScripts.ROOT.resolve("jobs/target");

    /**
     * Artifact directory in the local repository (…/group/artifact) -> version, of a class path.
     */
    private static Map<String, String> versions(List<String> entries) {
        Map<String, String> out = new TreeMap<>();
        for (String e : entries) {
            Path jar = Path.of(e);
            if (!e.endsWith(".jar")
                    || jar.getParent() == null
                    || jar.getParent().getParent() == null) {
                continue;
            }
            String version = jar.getParent().getFileName().toString();
            String artifact = jar.getParent().getParent().getFileName().toString();
            if (jar.getFileName().toString().startsWith(artifact + "-" + version)) {
                out.put(jar.getParent().getParent().toString(), version);
            }
        }
        return out;
    }

    /**
     * This JVM's class path. Surefire and failsafe start tests through a manifest-only jar, whose
     * {@code Class-Path} lists the real entries (as URLs), so both are read.
     */
    private static Map<String, String> testClassPath() throws Exception {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(e);
            if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) {
                try (JarFile j = new JarFile(e)) {
                    String cp =
                            j.getManifest() == null
                                    ? null
                                    : j.getManifest().getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String url : cp.trim().split("\\s+")) {
                            entries.add(Path.of(java.net.URI.create(url)).toString());
                        }
                    }
                }
            }
        }
        Map<String, String> tested = versions(entries);
        assertThat(tested.keySet())
                .as("the tests' own class path is readable")
                .anyMatch(a -> a.endsWith("commons-io" + File.separator + "commons-io"));
        return tested;
    }

    @Test
    void launcherClassPathHasTheTestedVersions() throws Exception {
        Path file = TARGET.resolve("classpath.txt");
        assumeTrue(Files.exists(file), "classpath.txt is written by mvn package");
        Map<String, String> tested = testClassPath();
        Map<String, String> launcher =
                versions(List.of(Files.readString(file).strip().split(File.pathSeparator)));
        assertThat(launcher).isNotEmpty();
        List<String> differ = new ArrayList<>();
        launcher.forEach(
                (artifact, version) -> {
                    String t = tested.get(artifact);
                    if (t != null && !t.equals(version)) {
                        differ.add(artifact + ": launcher " + version + ", tests " + t);
                    }
                });
        assertThat(differ).isEmpty();
        assertThat(launcher.keySet())
                .as("compared with the tests' class path")
                .filteredOn(tested::containsKey)
                .hasSizeGreaterThan(20)
                .anyMatch(a -> a.endsWith("commons-io/commons-io"));
    }

    @Test
    void shadedJarHasTheTestedVersions() throws Exception {
        Path jar = TARGET.resolve("condenser-jobs.jar");
        assumeTrue(Files.exists(jar), "the shaded jar is built by mvn package");
        Map<String, String> tested = testClassPath();
        Map<String, String> shaded = new TreeMap<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> it = j.entries(); it.hasMoreElements(); ) {
                JarEntry e = it.nextElement();
                if (e.getName().startsWith("META-INF/maven/")
                        && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = j.getInputStream(e)) {
                        p.load(in);
                    }
                    shaded.put(
                            p.getProperty("groupId").replace('.', '/')
                                    + "/"
                                    + p.getProperty("artifactId"),
                            p.getProperty("version"));
                }
            }
        }
        assertThat(shaded).containsKeys("commons-io/commons-io", "io/netty/netty-codec-http");
        List<String> differ = new ArrayList<>();
        int[] compared = {0};
        shaded.forEach(
                (ga, version) ->
                        tested.forEach(
                                (artifactDir, t) -> {
                                    if (artifactDir.endsWith(
                                            File.separator + ga.replace('/', File.separatorChar))) {
                                        compared[0]++;
                                        if (!t.equals(version)) {
                                            differ.add(ga + ": shaded " + version + ", tests " + t);
                                        }
                                    }
                                }));
        assertThat(differ).isEmpty();
        assertThat(compared[0]).as("libraries compared").isGreaterThan(10);
    }
}
