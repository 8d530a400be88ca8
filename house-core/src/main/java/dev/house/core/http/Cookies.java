package dev.house.core.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads cookies from a request's {@code Cookie} header fields (RFC 6265 section 5.4: a client
 * sends {@code name=value} pairs separated by {@code ;}; section 4.1.1: a value may be wrapped in
 * DQUOTEs, which are not part of it). Every {@code Cookie} field is read, in order, as HTTP/2
 * clients send one field per cookie. The one cookie reader of house: sessions and the starter's
 * {@code @CookieValue} use it.
 */
final class Cookies {
    private Cookies() {
    }

    /** The values of every cookie called {@code name}, in the order sent. */
    static List<String> all(HttpHeaders headers, String name) {
        List<String> values = new ArrayList<>(1);
        collect(headers, name, values, false);
        return values;
    }

    /** The value of the first cookie called {@code name}, or {@code null}. */
    static String first(HttpHeaders headers, String name) {
        List<String> values = new ArrayList<>(1);
        collect(headers, name, values, true);
        return values.isEmpty() ? null : values.get(0);
    }

    private static void collect(HttpHeaders headers, String name, List<String> into, boolean firstOnly) {
        for (int h = 0; h < headers.size(); h++) {
            if (!headers.name(h).equalsIgnoreCase("Cookie")) {
                continue;
            }
            String header = headers.value(h);
            int len = header.length();
            int i = 0;
            while (i < len) {
                int semi = header.indexOf(';', i);
                int end = semi < 0 ? len : semi;
                int s = i;
                while (s < end && (header.charAt(s) == ' ' || header.charAt(s) == '\t')) {
                    s++;
                }
                int eq = header.indexOf('=', s);
                if (eq > s && eq < end && header.substring(s, eq).trim().equals(name)) {
                    into.add(unquote(header.substring(eq + 1, end).trim()));
                    if (firstOnly) {
                        return;
                    }
                }
                i = end + 1;
            }
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
