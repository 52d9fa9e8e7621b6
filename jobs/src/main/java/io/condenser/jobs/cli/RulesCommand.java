package io.condenser.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./condenser rules <subcommand>}: tools for rule files. Each subcommand is its own class;
 * add one by listing it in {@code subcommands}.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Work with aggregation rule files (see docs/rules.md).",
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesPreviewCommand.class})
public final class RulesCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: rules check|test|preview ...");
    }
}
