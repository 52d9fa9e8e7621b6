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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CondenserCommand.class.getPackage().getImplementationVersion();
            return new String[] {"condenser " + (v == null ? "(development build)" : v)};
        }
    }
}
