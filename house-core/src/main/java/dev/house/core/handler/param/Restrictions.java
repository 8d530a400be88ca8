package dev.house.core.handler.param;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The standard {@link Restriction}s: lengths, numeric and other ranges, patterns, fixed sets and
 * arbitrary predicates. Each is built once, when the route is declared (a pattern is compiled
 * then, not per request).
 */
public final class Restrictions {
    private Restrictions() {
    }

    /** The text has between {@code min} and {@code max} characters (Unicode code points), inclusive. */
    public static <T extends CharSequence> Restriction<T> lengthBetween(int min, int max) {
        checkBounds(min, max);
        return Restriction.of("length", "length must be between " + min + " and " + max,
                bounds("min", min, "max", max), s -> within(codePoints(s), min, max));
    }

    /** The text has at most {@code max} characters (Unicode code points). */
    public static <T extends CharSequence> Restriction<T> maxLength(int max) {
        checkBounds(0, max);
        return Restriction.of("length", "length must be at most " + max,
                bounds("max", max), s -> codePoints(s) <= max);
    }

    /** The text is not empty. */
    public static <T extends CharSequence> Restriction<T> notEmpty() {
        return Restriction.of("length", "must not be empty", bounds("min", 1), s -> s.length() > 0);
    }

    /** The list (or other collection) has between {@code min} and {@code max} elements, inclusive. */
    public static <T extends Collection<?>> Restriction<T> sizeBetween(int min, int max) {
        checkBounds(min, max);
        return Restriction.of("size", "must have between " + min + " and " + max + " elements",
                bounds("min", min, "max", max), c -> within(c.size(), min, max));
    }

    /** The value lies between {@code min} and {@code max}, inclusive: numbers, dates, instants... */
    public static <T extends Comparable<? super T>> Restriction<T> between(T min, T max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min must not exceed max: " + min + " > " + max);
        }
        return Restriction.of("range", "must be between " + min + " and " + max,
                bounds("min", min, "max", max), v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0);
    }

    /** The value is at least {@code min}. */
    public static <T extends Comparable<? super T>> Restriction<T> atLeast(T min) {
        Objects.requireNonNull(min, "min");
        return Restriction.of("range", "must be at least " + min, bounds("min", min), v -> v.compareTo(min) >= 0);
    }

    /** The value is at most {@code max}. */
    public static <T extends Comparable<? super T>> Restriction<T> atMost(T max) {
        Objects.requireNonNull(max, "max");
        return Restriction.of("range", "must be at most " + max, bounds("max", max), v -> v.compareTo(max) <= 0);
    }

    /**
     * The whole text matches the regular expression {@code regex}, compiled here once.
     *
     * @throws IllegalArgumentException when {@code regex} is not a valid pattern
     */
    public static <T extends CharSequence> Restriction<T> pattern(String regex) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern: " + e.getDescription(), e);
        }
        return Restriction.of("pattern", "must match the pattern " + regex, bounds("pattern", regex),
                s -> compiled.matcher(s).matches());
    }

    /** The value equals one of {@code allowed}. */
    @SafeVarargs
    public static <T> Restriction<T> oneOf(T... allowed) {
        if (allowed.length == 0) {
            throw new IllegalArgumentException("oneOf needs at least one allowed value");
        }
        Set<T> set = new LinkedHashSet<>();
        for (T value : allowed) {
            set.add(Objects.requireNonNull(value, "allowed value"));
        }
        List<String> shown = set.stream().map(String::valueOf).collect(Collectors.toList());
        return Restriction.of("one-of", "must be one of " + String.join(", ", shown),
                bounds("allowed", shown), set::contains);
    }

    /** Any condition; {@code message} says what it requires, e.g. "must be an even number". */
    public static <T> Restriction<T> satisfies(String message, Predicate<? super T> condition) {
        return Restriction.of("predicate", message, Map.of(), condition);
    }

    /** Applies {@code restriction} to every element of a list, reporting the first failing element. */
    public static <E, L extends Collection<? extends E>> Restriction<L> each(Restriction<? super E> restriction) {
        Objects.requireNonNull(restriction, "restriction");
        return Restriction.of(restriction.kind(), "every element: " + restriction.message(),
                restriction.bounds(), list -> {
                    for (E e : list) {
                        if (e == null || !restriction.test(e)) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static int codePoints(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    private static boolean within(int n, int min, int max) {
        return n >= min && n <= max;
    }

    private static void checkBounds(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bounds must satisfy 0 <= min <= max: " + min + ", " + max);
        }
    }

    private static Map<String, Object> bounds(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
