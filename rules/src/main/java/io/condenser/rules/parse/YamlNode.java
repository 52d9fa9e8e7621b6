package io.condenser.rules.parse;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A YAML value with the line it starts on. Jackson's tree model drops locations, so the rule file
 * parser reads Jackson's token stream into these instead: every message can then name a line.
 */
sealed interface YamlNode {

    int line();

    /** A short name of the node's YAML type for messages ("a list", "a string", ...). */
    String typeName();

    /**
     * @param entries keys in file order (a repeated key keeps its first value)
     * @param duplicates every repeated key, at the line it was repeated
     */
    record MapNode(int line, LinkedHashMap<String, Entry> entries, List<Entry> duplicates)
            implements YamlNode {
        @Override
        public String typeName() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the line of the key. */
    record Entry(String key, int keyLine, YamlNode value) {}

    record ListNode(int line, List<YamlNode> items) implements YamlNode {
        @Override
        public String typeName() {
            return "a list";
        }
    }

    /** A scalar: its text as written (for messages) and what YAML made of it. */
    record Scalar(int line, Kind kind, String text) implements YamlNode {
        public enum Kind {
            STRING,
            INT,
            FLOAT,
            BOOL,
            NULL
        }

        @Override
        public String typeName() {
            return switch (kind) {
                case STRING -> "a string";
                case INT -> "an integer";
                case FLOAT -> "a number";
                case BOOL -> "a boolean";
                case NULL -> "empty";
            };
        }
    }
}
