package dev.house.core.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads cookies from a request's {@code Cookie} headers ({@code a=1; b="2"}, RFC 6265 section
 * 5.4), for every part of the server that needs one (sessions, the starter's
 * {@code @CookieValue}). One pass over each header: every pair is searched for its {@code =}
 * only up to its own {@code ;}, so no shape of header ({@code a;a;a...}) makes it quadratic.
 */
public final class Cookies {
    private Cookies() {
    }

    /**
     * The values of every cookie called {@code name}, in the order sent, each trimmed and
     * without surrounding double quotes; empty when there is none.
     */
    public static List<String> values(Request request, String name) {
        List<String> found = List.of();
        for (String header : request.headers().getAll("Cookie")) {
            int len = header.length();
            int start = 0;
            while (start < len) {
                int semi = header.indexOf(';', start);
                int end = semi < 0 ? len : semi;
                int s = skipSpace(header, start, end);
                int eq = BodyText.indexOf(header, '=', s, end);
                if (eq >= 0 && trimEnd(header, s, eq) - s == name.length() && header.startsWith(name, s)) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>(1);
                    }
                    found.add(value(header, eq + 1, end));
                }
                start = end + 1;
            }
        }
        return found;
    }

    /** The value of the first cookie called {@code name}, or {@code null}. */
    public static String first(Request request, String name) {
        List<String> values = values(request, name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static String value(String header, int from, int to) {
        int s = skipSpace(header, from, to);
        int e = trimEnd(header, s, to);
        if (e - s >= 2 && header.charAt(s) == '"' && header.charAt(e - 1) == '"') {
            s++;
            e--;
        }
        return header.substring(s, e);
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
