package dev.house.core.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An ordered, case-insensitive multimap of header fields, as parsed from a request or written in
 * a response. Kept as two parallel arrays because a message rarely has more than a few dozen
 * fields, where a linear scan beats hashing and allocates nothing.
 */
public final class HttpHeaders {
    private String[] names;
    private String[] values;
    private int size;

    public HttpHeaders() {
        this(8);
    }

    public HttpHeaders(int capacity) {
        names = new String[Math.max(capacity, 1)];
        values = new String[names.length];
    }

    /** Adds a field, keeping any earlier ones of the same name. */
    public HttpHeaders add(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces every field of this name with one field. */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field of this name; returns whether any was there. */
    public boolean remove(String name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        boolean removed = kept != size;
        Arrays.fill(names, kept, size, null);
        Arrays.fill(values, kept, size, null);
        size = kept;
        return removed;
    }

    /** The value of the first field of this name, or {@code null}. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** The values of every field of this name, in order. */
    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                all.add(values[i]);
            }
        }
        return all;
    }

    /** How many fields have this name. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Whether any field of this name lists {@code token} in its comma-separated value, ignoring
     * case and optional whitespace (as for {@code Connection: keep-alive, Upgrade}).
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name) && listContains(values[i], token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listContains(String list, String token) {
        int start = 0;
        int len = list.length();
        while (start <= len) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            int s = start;
            int e = end;
            while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) {
                s++;
            }
            while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) {
                e--;
            }
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** Shrinks the arrays to the fields held, for headers kept as long as a stream lives. */
    public void trimToSize() {
        if (size < names.length) {
            names = Arrays.copyOf(names, Math.max(size, 1));
            values = Arrays.copyOf(values, Math.max(size, 1));
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String name(int index) {
        Objects.checkIndex(index, size);
        return names[index];
    }

    public String value(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append(": ").append(values[i]);
        }
        return sb.append('}').toString();
    }
}
