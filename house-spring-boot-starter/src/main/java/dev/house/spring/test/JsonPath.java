package dev.house.spring.test;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The small subset of JSONPath tests need: {@code $}, {@code .name}, {@code ['name']} and {@code [index]}. */
final class JsonPath {

    private JsonPath() {
    }

    /** The node at {@code path}, or {@code null} when it does not exist. */
    static @Nullable JsonNode find(JsonNode root, String path) {
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with '$': " + path);
        }
        JsonNode node = root;
        int i = 1;
        while (i < path.length() && node != null) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                node = node.get(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in JSON path " + path);
                }
                String inside = path.substring(i + 1, close);
                if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
                    node = node.get(inside.substring(1, inside.length() - 1));
                } else {
                    try {
                        node = node.get(Integer.parseInt(inside));
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("'" + inside + "' is not an index in JSON path " + path);
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in JSON path " + path);
            }
        }
        return node;
    }

    /** A scalar node as a Java value (String, Number, Boolean), null for null or missing, else the node. */
    static @Nullable Object value(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node;
    }
}
