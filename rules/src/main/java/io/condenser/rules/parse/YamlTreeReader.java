package io.condenser.rules.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into {@link YamlNode}s with line numbers, using Jackson's YAML token
 * stream (SnakeYAML underneath). Duplicate keys are kept aside for a message, not silently
 * overwritten: YAML says they are an error and a repeated {@code interval:} is a copy-paste slip.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY =
            YAMLFactory.builder()
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .loaderOptions(loaderOptions())
                    .build();

    /** The document limit is {@link RuleFileParser#MAX_FILE_CHARS}, checked with its message. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(RuleFileParser.MAX_FILE_CHARS);
        return options;
    }

    /** A YAML syntax error, with its line (0 when unknown). */
    static final class YamlException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        YamlException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private YamlTreeReader() {}

    /**
     * @return the document's root, or null for an empty document
     */
    static YamlNode read(String text) throws YamlException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            YamlNode root = value(p, t);
            if (p.nextToken() != null) {
                throw new YamlException(
                        line(p), "a rule file holds one YAML document; found a second one");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new YamlException(loc == null ? 0 : loc.getLineNr(), "invalid YAML: " + brief(e));
        } catch (IOException e) {
            throw new YamlException(0, "cannot read YAML: " + e.getMessage());
        }
    }

    private static YamlNode value(JsonParser p, JsonToken t) throws IOException {
        int line = line(p);
        switch (t) {
            case START_OBJECT -> {
                LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                List<YamlNode.Entry> duplicates = new ArrayList<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    YamlNode v = value(p, p.nextToken());
                    YamlNode.Entry entry = new YamlNode.Entry(key, keyLine, v);
                    if (entries.putIfAbsent(key, entry) != null) {
                        duplicates.add(entry);
                    }
                }
                return new YamlNode.MapNode(line, entries, duplicates);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(p, t));
                }
                return new YamlNode.ListNode(line, items);
            }
            case VALUE_STRING -> {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    // Jackson hands an alias over as its anchor's name, which would read as a
                    // plain string; say what it is instead.
                    throw new JsonParseProblem(
                            p,
                            "YAML aliases (*"
                                    + p.getText()
                                    + ") are not supported in rule files: write the keys out");
                }
                return new YamlNode.Scalar(line, YamlNode.Scalar.Kind.STRING, p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(line, YamlNode.Scalar.Kind.INT, p.getText());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(line, YamlNode.Scalar.Kind.FLOAT, p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(line, YamlNode.Scalar.Kind.BOOL, p.getText());
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(line, YamlNode.Scalar.Kind.NULL, "");
            }
            default -> throw new JsonParseProblem(p, "unexpected YAML token " + t);
        }
    }

    /**
     * SnakeYAML's messages span lines and quote the input; keep the problem and where its context
     * started, so a message stays on the one line {@code rules check} prints.
     */
    private static String brief(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
            String context =
                    m.getContext() == null || m.getContextMark() == null
                            ? ""
                            : " ("
                                    + m.getContext()
                                    + " at line "
                                    + (m.getContextMark().getLine() + 1)
                                    + ")";
            return m.getProblem() + context;
        }
        return e.getOriginalMessage().lines().findFirst().orElse("");
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    /** A structural surprise from the token stream, reported like a syntax error. */
    private static final class JsonParseProblem extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(JsonParser p, String message) {
            super(message, p.currentTokenLocation());
        }
    }
}
