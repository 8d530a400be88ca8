package dev.house.core.handler.param;

import dev.house.core.multipart.FilePart;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * How a parameter's raw text (or JSON value, or uploaded file) becomes a typed value: house's
 * {@code define-http-type}. The built-in types are in {@link ParamTypes}; define your own with
 * {@link #define} and register it in a {@link TypeRegistry} to use it by class or name.
 *
 * <p>A conversion that fails throws any exception (typically {@link IllegalArgumentException}):
 * the client then gets a 400 naming the parameter and {@link #description() the expected type},
 * never the exception's message. Throwing an {@link dev.house.core.http.HttpException} instead
 * ends the request with that status (e.g. 404 for a reference to something that does not exist).
 *
 * @param <T> the converted value's type
 */
public interface ParamType<T> {

    /** A short name reported as the expected type, e.g. {@code integer}. */
    String name();

    /** The Java class of converted values, used to find a type by class. */
    Class<?> javaType();

    /** What a valid value is, phrased to follow "must be": "an integer", "a UUID". */
    default String description() {
        return "a valid " + name();
    }

    /**
     * Converts one text value (from the path, query string, form or multipart field).
     *
     * @param earlier the parameters declared before this one, already converted (for a type that
     *                depends on another parameter, like a card looked up within a table)
     */
    T parse(String text, Arguments earlier) throws Exception;

    /**
     * Converts one value of a JSON body. By default a JSON string, number or boolean is converted
     * from its text, and an object or array is the wrong type.
     */
    default T parseJson(JsonNode node, Arguments earlier) throws Exception {
        if (node.isValueNode()) {
            return parse(node.asString(), earlier);
        }
        throw new IllegalArgumentException("a JSON " + (node.isArray() ? "array" : "object") + " is not " + name());
    }

    /** Converts an uploaded file; by default files are the wrong type (see {@link ParamTypes#FILE}). */
    default T parseFile(FilePart file, Arguments earlier) throws Exception {
        throw new IllegalArgumentException("a file is not " + name());
    }

    /** The parameters this type reads from {@code earlier}; they must be declared before it. */
    default List<String> dependsOn() {
        return List.of();
    }

    /**
     * Starts defining a custom type, e.g.
     * <pre>{@code
     * ParamType<Card> CARD = ParamType.define("card", Card.class)
     *         .dependsOn("table")
     *         .parse((text, earlier) -> earlier.get("table", Table.class).card(text))
     *         .assertion(card -> !card.isDiscarded())
     *         .describedAs("a card of the table")
     *         .build();
     * }</pre>
     */
    static <T> Definition<T> define(String name, Class<T> javaType) {
        return new Definition<>(name, javaType);
    }

    /** A text-to-value conversion that may read already-converted earlier parameters. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text, Arguments earlier) throws Exception;
    }

    /** Collects the parts of a custom {@link ParamType}: its parse, its assertion, its dependencies. */
    final class Definition<T> {
        private final String name;
        private final Class<T> javaType;
        private Parser<T> parser;
        private Predicate<? super T> assertion = v -> true;
        private String description;
        private List<String> dependsOn = List.of();

        private Definition(String name, Class<T> javaType) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a type needs a name");
            }
            this.name = name;
            this.javaType = Objects.requireNonNull(javaType, "javaType");
            this.description = "a valid " + name;
        }

        /** The conversion (house's {@code :type-expression}); returning {@code null} counts as failure. */
        public Definition<T> parse(Parser<T> parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /** A check of the converted value (house's {@code :type-assertion}); false means the wrong type. */
        public Definition<T> assertion(Predicate<? super T> assertion) {
            this.assertion = Objects.requireNonNull(assertion, "assertion");
            return this;
        }

        /** Declares the earlier parameters the parse reads (house's priority). */
        public Definition<T> dependsOn(String... names) {
            this.dependsOn = List.of(names);
            return this;
        }

        /** How the expected type is described to clients, following "must be". */
        public Definition<T> describedAs(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        public ParamType<T> build() {
            if (parser == null) {
                throw new IllegalStateException("type " + name + " has no parse function");
            }
            return new Defined<>(name, javaType, description, parser, assertion, dependsOn);
        }
    }

    /** A type made by {@link Definition}. */
    final class Defined<T> implements ParamType<T> {
        private final String name;
        private final Class<T> javaType;
        private final String description;
        private final Parser<T> parser;
        private final Predicate<? super T> assertion;
        private final List<String> dependsOn;

        private Defined(String name, Class<T> javaType, String description, Parser<T> parser,
                        Predicate<? super T> assertion, List<String> dependsOn) {
            this.name = name;
            this.javaType = javaType;
            this.description = description;
            this.parser = parser;
            this.assertion = assertion;
            this.dependsOn = dependsOn;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<?> javaType() {
            return javaType;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public T parse(String text, Arguments earlier) throws Exception {
            T value = parser.parse(text, earlier);
            if (value == null || !assertion.test(value)) {
                throw new IllegalArgumentException("not " + description);
            }
            return value;
        }

        @Override
        public List<String> dependsOn() {
            return dependsOn;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
