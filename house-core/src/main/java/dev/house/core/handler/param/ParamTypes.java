package dev.house.core.handler.param;

import dev.house.core.multipart.FilePart;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in {@link ParamType}s. Conversions are strict: {@code 12abc} is not an integer,
 * {@code 1e3} is not a long, {@code NaN} is not a number, and nothing is trimmed.
 */
public final class ParamTypes {
    private ParamTypes() {
    }

    /** Any text, as received. */
    public static final ParamType<String> STRING = simple("string", String.class, "a string", s -> s);

    /** A 32-bit signed decimal integer: an optional {@code -} and ASCII digits only. */
    public static final ParamType<Integer> INT =
            simple("integer", Integer.class, "an integer", s -> Integer.parseInt(decimalInteger(s)));

    /** A 64-bit signed decimal integer: an optional {@code -} and ASCII digits only. */
    public static final ParamType<Long> LONG =
            simple("long", Long.class, "an integer", s -> Long.parseLong(decimalInteger(s)));

    /** A finite decimal number such as {@code -1.5} or {@code 2e10}; no {@code NaN}, no hex, no suffixes. */
    public static final ParamType<Double> DOUBLE = simple("number", Double.class, "a number", ParamTypes::decimal);

    /**
     * {@code true} or {@code false}, ignoring case; also {@code on}/{@code off} (what an HTML
     * checkbox sends) and {@code 1}/{@code 0}.
     */
    public static final ParamType<Boolean> BOOLEAN =
            simple("boolean", Boolean.class, "a boolean (true or false)", ParamTypes::bool);

    /** A UUID in its canonical 36-character form. */
    public static final ParamType<java.util.UUID> UUID = simple("uuid", java.util.UUID.class, "a UUID", ParamTypes::uuid);

    /** An ISO-8601 calendar date, {@code 2026-11-22}. */
    public static final ParamType<LocalDate> DATE =
            simple("date", LocalDate.class, "an ISO-8601 date (yyyy-mm-dd)", LocalDate::parse);

    /** An ISO-8601 instant in UTC, {@code 2026-11-22T10:15:30Z}. */
    public static final ParamType<Instant> INSTANT =
            simple("instant", Instant.class, "an ISO-8601 instant (yyyy-mm-ddThh:mm:ssZ)", Instant::parse);

    /** Any JSON value as a tree: the value itself in a JSON body, or text parsed as JSON elsewhere. */
    public static final ParamType<JsonNode> JSON = new JsonTree(JsonMapper.shared());

    /** An uploaded file of a {@code multipart/form-data} body; text is the wrong type. */
    public static final ParamType<FilePart> FILE = new ParamType<>() {
        @Override
        public String name() {
            return "file";
        }

        @Override
        public Class<?> javaType() {
            return FilePart.class;
        }

        @Override
        public String description() {
            return "an uploaded file";
        }

        @Override
        public FilePart parse(String text, Arguments earlier) {
            throw new IllegalArgumentException("text is not a file");
        }

        @Override
        public FilePart parseFile(FilePart file, Arguments earlier) {
            return file;
        }

        @Override
        public String toString() {
            return "file";
        }
    };

    /**
     * One of an enum's constants, by name ignoring case ({@code -} may stand for {@code _}). The
     * lookup table is built once from the constants, so unknown input never grows anything.
     */
    public static <E extends Enum<E>> ParamType<E> keyword(Class<E> enumType) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E e : enumType.getEnumConstants()) {
            byName.put(e.name().toLowerCase(Locale.ROOT), e);
        }
        return keywordType(enumType.getSimpleName(), enumType, Collections.unmodifiableMap(byName));
    }

    /** One of a fixed set of words, ignoring case; the value is the word as declared here. */
    public static ParamType<String> keyword(String... allowed) {
        if (allowed.length == 0) {
            throw new IllegalArgumentException("a keyword type needs at least one word");
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (String word : allowed) {
            byName.put(word.toLowerCase(Locale.ROOT), word);
        }
        return keywordType("keyword", String.class, Collections.unmodifiableMap(byName));
    }

    /** A JSON document bound to {@code type} with a default {@link JsonMapper}. */
    public static <T> ParamType<T> json(Class<T> type) {
        return json(type, JsonMapper.shared());
    }

    /** A JSON document bound to {@code type} with {@code mapper}. */
    public static <T> ParamType<T> json(Class<T> type, JsonMapper mapper) {
        return new JsonBound<>(type, mapper);
    }

    /**
     * A list of {@code element} values, given as a repeated parameter ({@code ?t=a&t=b}), as
     * comma-separated text ({@code ?t=a,b}) or as a JSON array. A single empty value is an empty list.
     */
    public static <E> ListType<E> listOf(ParamType<E> element) {
        return new ListType<>(element);
    }

    private interface Conversion<T> {
        T convert(String text) throws Exception;
    }

    private static <T> ParamType<T> simple(String name, Class<T> javaType, String description,
                                           Conversion<T> conversion) {
        return ParamType.define(name, javaType)
                .parse((text, earlier) -> conversion.convert(text))
                .describedAs(description)
                .build();
    }

    private static <T> ParamType<T> keywordType(String name, Class<T> javaType, Map<String, T> byName) {
        String description = "one of " + byName.keySet().stream().collect(Collectors.joining(", "));
        return simple(name, javaType, description, text -> {
            T value = byName.get(text.toLowerCase(Locale.ROOT).replace('-', '_'));
            if (value == null) {
                value = byName.get(text.toLowerCase(Locale.ROOT));
            }
            if (value == null) {
                throw new IllegalArgumentException("not " + description);
            }
            return value;
        });
    }

    /** Checks the strict integer syntax: {@code -?[0-9]+}. Range is checked by the caller's parse. */
    private static String decimalInteger(String s) {
        int i = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            throw new NumberFormatException("no digits");
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a digit");
            }
        }
        return s;
    }

    /** {@code -?digits(.digits)?([eE][+-]?digits)?}, finite. */
    private static Double decimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = skipDigits(s, i);
        if (digits == i) {
            throw new NumberFormatException("no digits");
        }
        i = digits;
        if (i < n && s.charAt(i) == '.') {
            digits = skipDigits(s, i + 1);
            if (digits == i + 1) {
                throw new NumberFormatException("no digits after the point");
            }
            i = digits;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            digits = skipDigits(s, i);
            if (digits == i) {
                throw new NumberFormatException("no exponent digits");
            }
            i = digits;
        }
        if (i != n) {
            throw new NumberFormatException("trailing characters");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new NumberFormatException("out of range");
        }
        return d;
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static Boolean bool(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true":
            case "on":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "off":
            case "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean");
        }
    }

    private static java.util.UUID uuid(String s) {
        if (s.length() != 36) {
            throw new IllegalArgumentException("not a UUID");
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean ok = dash ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                throw new IllegalArgumentException("not a UUID");
            }
        }
        return java.util.UUID.fromString(s);
    }

    /** A reader refusing repeated properties and anything after the value ({@code 1 2}). */
    static ObjectReader strict(JsonMapper mapper) {
        return StrictJson.reader(mapper);
    }

    /** Any JSON value as a tree. */
    private static final class JsonTree implements ParamType<JsonNode> {
        private final ObjectReader reader;

        JsonTree(JsonMapper mapper) {
            this.reader = strict(mapper).forType(JsonNode.class);
        }

        @Override
        public String name() {
            return "json";
        }

        @Override
        public Class<?> javaType() {
            return JsonNode.class;
        }

        @Override
        public String description() {
            return "a JSON value";
        }

        @Override
        public JsonNode parse(String text, Arguments earlier) {
            JsonNode node = reader.readValue(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value");
            }
            return node;
        }

        @Override
        public JsonNode parseJson(JsonNode node, Arguments earlier) {
            return node;
        }

        @Override
        public String toString() {
            return "json";
        }
    }

    /** A JSON document bound to a class. */
    private static final class JsonBound<T> implements ParamType<T> {
        private final Class<T> type;
        private final JsonMapper mapper;
        private final ObjectReader reader;

        JsonBound(Class<T> type, JsonMapper mapper) {
            this.type = Objects.requireNonNull(type, "type");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            this.reader = strict(mapper).forType(type);
        }

        @Override
        public String name() {
            return type.getSimpleName();
        }

        @Override
        public Class<?> javaType() {
            return type;
        }

        @Override
        public String description() {
            return "a JSON " + type.getSimpleName();
        }

        @Override
        public T parse(String text, Arguments earlier) {
            T value = reader.readValue(text);
            if (value == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            return value;
        }

        @Override
        public T parseJson(JsonNode node, Arguments earlier) {
            return mapper.treeToValue(node, type);
        }

        @Override
        public String toString() {
            return "json(" + type.getName() + ")";
        }
    }

}
