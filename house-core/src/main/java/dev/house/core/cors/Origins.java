package dev.house.core.cors;

import java.util.Locale;
import java.util.Objects;

/** Validates and normalises configured origins so they compare equal to what browsers send. */
final class Origins {
    private Origins() {
    }

    /** Lower-cased {@code scheme://host[:port]}; anything else (a path, "null", "*") is refused. */
    static String normalise(String origin) {
        Objects.requireNonNull(origin, "origin");
        String o = origin.trim().toLowerCase(Locale.ROOT);
        int sep = o.indexOf("://");
        boolean valid = sep > 0 && sep + 3 < o.length();
        if (valid) {
            for (int i = 0; i < sep; i++) {
                char c = o.charAt(i);
                valid &= (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            }
            for (int i = sep + 3; i < o.length(); i++) {
                char c = o.charAt(i);
                valid &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':'
                        || c == '[' || c == ']';
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("an origin is scheme://host[:port] without a path, e.g. "
                    + "https://app.example.com; got: " + origin);
        }
        return o;
    }
}
