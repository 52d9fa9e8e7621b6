package io.condenser.jobs.cli;

import io.condenser.rules.parse.RuleFileParser;
import io.condenser.rules.parse.RuleProblem;
import io.condenser.rules.parse.RuleSetLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./condenser rules check FILE…}: validates rule files the way the job loads them (as one
 * set: names unique across all files), prints every problem on its own line ({@code rules.yaml:14
 * rule "api-latency": interval must be >= 1s, got 500ms}) to stderr and one summary line per good
 * file to stdout. Exit status 0 when everything is valid, 1 on any problem, 2 on a usage error.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validate rule files: print every problem, exit 1 on any.",
            "Files are checked together, as the job loads them: rule names must be unique across"
                    + " all of them. A directory stands for its *.yml and *.yaml files."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all rule files are valid", "1:at least one problem", "2:usage error"})
public final class RulesCheckCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Rule files, or directories of them.")
    List<Path> paths;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RuleProblem> problems = new ArrayList<>();
        List<Path> files = ruleFiles(paths, problems);
        RuleSetLoader.Result result = RuleSetLoader.loadFiles(files, 0);
        problems.addAll(result.problems());
        for (RuleProblem p : problems) {
            err.println(p);
        }
        for (RuleFileParser.Result file : result.files()) {
            if (file.ok()) {
                out.println(summary(file));
            }
        }
        if (!problems.isEmpty()) {
            err.println(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        }
        out.flush();
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * The rule files named on a command line: files as given, a directory as its {@code *.yml} and
     * {@code *.yaml} files (as the job loads it); an empty or unreadable directory is a problem.
     */
    static List<Path> ruleFiles(List<Path> paths, List<RuleProblem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try {
                List<Path> inDir = RuleSetLoader.ruleFiles(p);
                if (inDir.isEmpty()) {
                    problems.add(
                            new RuleProblem(p.toString(), 0, null, "no *.yml or *.yaml files"));
                }
                files.addAll(inDir);
            } catch (IOException e) {
                problems.add(
                        new RuleProblem(
                                p.toString(), 0, null, "cannot list directory: " + e.getMessage()));
            }
        }
        return files;
    }

    private static String summary(RuleFileParser.Result file) {
        int n = file.rules().size();
        long disabled = file.rules().stream().filter(r -> !r.enabled()).count();
        return file.file()
                + ": "
                + n
                + (n == 1 ? " rule" : " rules")
                + " OK"
                + (disabled == 0 ? "" : " (" + disabled + " disabled)");
    }
}
