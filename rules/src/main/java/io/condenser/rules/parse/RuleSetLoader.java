package io.condenser.rules.parse;

import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads rule files into one {@link RuleSet}: a directory's {@code *.yml} and {@code *.yaml} files
 * (not recursive, hidden files skipped, sorted by name so the load order is stable), or a given
 * list of files. Rule names are unique across all of them. All or nothing: one problem anywhere and
 * there is no rule set, only the problems, so a bad edit never half-applies.
 */
public final class RuleSetLoader {

    /**
     * @param ruleSet the loaded set, or null when there is any problem
     * @param files per-file outcomes, in load order
     * @param problems every problem, per-file ones first, then cross-file duplicates
     */
    public record Result(
            RuleSet ruleSet, List<RuleFileParser.Result> files, List<RuleProblem> problems) {
        public Result {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RuleSetLoader() {}

    /**
     * @param version the version to give the set (the caller keeps it monotonic)
     */
    public static Result loadDirectory(Path dir, long version) {
        List<Path> files;
        try {
            files = ruleFiles(dir);
        } catch (IOException e) {
            return new Result(
                    null,
                    List.of(),
                    List.of(
                            new RuleProblem(
                                    dir.toString(),
                                    0,
                                    null,
                                    "cannot list rule directory: " + RuleFileParser.describe(e))));
        }
        return loadFiles(files, version);
    }

    /** Loads the files in the order given, as one set. */
    public static Result loadFiles(List<Path> files, long version) {
        List<RuleFileParser.Result> results = new ArrayList<>();
        for (Path f : files) {
            results.add(RuleFileParser.parse(f));
        }
        return combine(results, version);
    }

    /**
     * Loads rule-file texts (file name to YAML) as one set, in name order: what a rules update
     * carries through the job's broadcast stream and restores from broadcast state.
     */
    public static Result loadTexts(java.util.SortedMap<String, String> texts, long version) {
        List<RuleFileParser.Result> results = new ArrayList<>();
        texts.forEach((file, text) -> results.add(RuleFileParser.parse(file, text)));
        return combine(results, version);
    }

    private static Result combine(List<RuleFileParser.Result> results, long version) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (RuleFileParser.Result r : results) {
            problems.addAll(r.problems());
            rules.addAll(r.rules());
        }
        // within a file the parser already reported duplicates; what is left spans files
        problems.addAll(RuleValidator.checkUniqueNames(rules));
        return new Result(
                problems.isEmpty() ? RuleSet.of(version, rules) : null, results, problems);
    }

    /** The rule files of a directory: {@code *.yml|*.yaml}, not hidden, regular, sorted by name. */
    public static List<Path> ruleFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{yml,yaml}")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        Collections.sort(out);
        return out;
    }
}
