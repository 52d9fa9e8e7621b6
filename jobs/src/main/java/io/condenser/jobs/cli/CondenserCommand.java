package io.condenser.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./condenser <command>}: the one entry point users type. */
@Command(
        name = "condenser",
        mixinStandardHelpOptions = true,
        versionProvider = CondenserCommand.Version.class,
        description = "Rule-driven metric aggregation on Apache Flink.",
        subcommands = {
            CommandLine.HelpCommand.class,
            RunCommand.class,
            ParseCommand.class,
            RulesCommand.class,
            BenchCommand.class
        })
public final class CondenserCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CondenserCommand()).execute(args));
    }

    /**
     * {@code -V}: the build's version and commit (from the properties files the build writes) and
     * the Flink version on the class path, which is what the job runs on.
     */
    static final class Version implements CommandLine.IVersionProvider {
        static final String RESOURCE = "/condenser-version.properties";
        static final String GIT_RESOURCE = "/condenser-git.properties";

        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            for (String resource : new String[] {RESOURCE, GIT_RESOURCE}) {
                try (java.io.InputStream in =
                        CondenserCommand.class.getResourceAsStream(resource)) {
                    if (in != null) {
                        p.load(in);
                    }
                }
            }
            String commit = known(p.getProperty("commit"));
            String flink = org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
            String builtAgainst = known(p.getProperty("flink"));
            return new String[] {
                "condenser " + orUnknown(known(p.getProperty("version"))),
                "commit " + orUnknown(commit),
                "Flink "
                        + flink
                        + (builtAgainst == null || builtAgainst.equals(flink)
                                ? ""
                                : " (built against " + builtAgainst + ")")
            };
        }

        /** Null for a value the build did not fill in (a source tree without git). */
        private static String known(String value) {
            return value == null || value.isBlank() || value.startsWith("${") ? null : value;
        }

        private static String orUnknown(String value) {
            return value == null ? "unknown" : value;
        }
    }
}
