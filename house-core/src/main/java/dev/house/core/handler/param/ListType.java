package dev.house.core.handler.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A list of values of one element type (see {@link ParamTypes#listOf}). The binder gathers the
 * elements from a repeated parameter, comma-separated text or a JSON array and converts each
 * with the element type; a failure names the element's position.
 *
 * @param <E> the element type
 */
public final class ListType<E> implements ParamType<List<E>> {
    private final ParamType<E> element;

    ListType(ParamType<E> element) {
        this.element = Objects.requireNonNull(element, "element");
        if (element instanceof ListType) {
            throw new IllegalArgumentException("lists of lists are not supported as parameters");
        }
    }

    /** The type of each element. */
    public ParamType<E> element() {
        return element;
    }

    @Override
    public String name() {
        return "list of " + element.name();
    }

    @Override
    public Class<?> javaType() {
        return List.class;
    }

    @Override
    public String description() {
        return "a list of " + element.name();
    }

    /** Splits comma-separated text; an empty text is an empty list. */
    @Override
    public List<E> parse(String text, Arguments earlier) throws Exception {
        List<E> out = new ArrayList<>();
        for (String part : split(text)) {
            out.add(element.parse(part, earlier));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<E> parseJson(JsonNode node, Arguments earlier) throws Exception {
        if (!node.isArray()) {
            return List.of(element.parseJson(node, earlier));
        }
        List<E> out = new ArrayList<>(node.size());
        for (JsonNode item : node.values()) {
            out.add(element.parseJson(item, earlier));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<String> dependsOn() {
        return element.dependsOn();
    }

    /** Comma-separated parts of {@code text}; none for empty text. */
    static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            if (comma < 0) {
                parts.add(text.substring(start));
                return parts;
            }
            parts.add(text.substring(start, comma));
            start = comma + 1;
        }
    }

    @Override
    public String toString() {
        return "list(" + element + ")";
    }
}
