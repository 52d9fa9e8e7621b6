package io.condenser.rules.parse;

import io.condenser.rules.model.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one rule file: a YAML mapping with a single key, {@code rules:}, holding a list of rules.
 * Strict: unknown keys are errors. A file is accepted or rejected as a whole, and every problem is
 * reported, not only the first; the checks themselves live in {@link RuleValidator}.
 */
public final class RuleFileParser {

    /** The one top-level key. */
    public static final String RULES_KEY = "rules";

    /**
     * The largest rule file, in characters (3 MiB of ASCII): the YAML reader refuses longer
     * documents (SnakeYAML's code-point limit, set to this). A bigger rule set is split over
     * several files of one rules directory, which together form the set.
     */
    public static final int MAX_FILE_CHARS = 3 * 1024 * 1024;

    /**
     * The outcome for one file: its rules when there is no problem, otherwise no rules and every
     * problem, sorted by line.
     */
    public record Result(String file, List<Rule> rules, List<RuleProblem> problems) {
        public Result {
            rules = List.copyOf(rules);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RuleFileParser() {}

    /** Reads and parses a file; a file that cannot be read is one problem, not an exception. */
    public static Result parse(Path path) {
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(
                    name,
                    List.of(),
                    List.of(new RuleProblem(name, 0, null, "cannot read file: " + describe(e))));
        }
        return parse(name, text);
    }

    /**
     * @param file the name used in messages
     */
    public static Result parse(String file, String text) {
        Problems problems = new Problems(file);
        List<Rule> rules = new ArrayList<>();
        if (text.length() > MAX_FILE_CHARS
                && text.codePointCount(0, text.length()) > MAX_FILE_CHARS) {
            problems.add(
                    0,
                    String.format(
                            "file has %,d characters, over the limit of %,d (3 MiB) for one rule"
                                    + " file: split its rules over several files in one rules"
                                    + " directory",
                            text.codePointCount(0, text.length()), MAX_FILE_CHARS));
            return result(file, rules, problems);
        }
        YamlNode root;
        try {
            root = YamlTreeReader.read(text);
        } catch (YamlTreeReader.YamlException e) {
            problems.add(e.line, e.getMessage());
            return result(file, rules, problems);
        }
        YamlNode.ListNode list = rulesList(root, problems);
        if (list != null) {
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                if (item instanceof YamlNode.MapNode map) {
                    Rule rule = RuleValidator.validate(map, i + 1, problems);
                    if (rule != null) {
                        rules.add(rule);
                    }
                } else {
                    problems.forRule("#" + (i + 1))
                            .add(
                                    item.line(),
                                    "a rule must be a mapping of keys (name:, match:, ...), got "
                                            + FieldReader.describe(item));
                }
            }
        }
        problems.all().addAll(RuleValidator.checkUniqueNames(rules));
        return result(file, rules, problems);
    }

    private static YamlNode.ListNode rulesList(YamlNode root, Problems problems) {
        if (root == null) {
            problems.add(1, "empty file: expected a top-level \"rules:\" list");
            return null;
        }
        if (!(root instanceof YamlNode.MapNode map)) {
            problems.add(
                    root.line(),
                    "expected a mapping with a top-level \"rules:\" list, got "
                            + FieldReader.describe(root));
            return null;
        }
        for (YamlNode.Entry e : map.duplicates()) {
            problems.add(e.keyLine(), "duplicate top-level key \"" + e.key() + "\"");
        }
        for (YamlNode.Entry e : map.entries().values()) {
            if (!e.key().equals(RULES_KEY)) {
                problems.add(
                        e.keyLine(),
                        "unknown top-level key \""
                                + e.key()
                                + "\" (a rule file has only \"rules:\")");
            }
        }
        YamlNode.Entry rules = map.entries().get(RULES_KEY);
        if (rules == null) {
            problems.add(map.line(), "missing top-level \"rules:\" list");
            return null;
        }
        if (rules.value() instanceof YamlNode.ListNode list) {
            return list;
        }
        if (rules.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.NULL) {
            // "rules:" with nothing under it: a file whose rules are all commented out.
            return new YamlNode.ListNode(rules.keyLine(), List.of());
        }
        problems.add(
                rules.value().line(),
                "rules must be a list of rules, got " + FieldReader.describe(rules.value()));
        return null;
    }

    private static Result result(String file, List<Rule> rules, Problems problems) {
        List<RuleProblem> all = new ArrayList<>(problems.all());
        Collections.sort(all); // stable: problems on one line keep the order they were found in
        return new Result(file, all.isEmpty() ? rules : List.of(), all);
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        String type =
                e instanceof java.nio.file.NoSuchFileException
                        ? "no such file"
                        : e instanceof java.nio.file.AccessDeniedException
                                ? "permission denied"
                                : e.getClass().getSimpleName();
        return e.getMessage() == null || e instanceof java.nio.file.FileSystemException
                ? type
                : type + ": " + e.getMessage();
    }
}
