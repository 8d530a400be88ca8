package dev.house.core.http2;

import dev.house.core.http.HttpHeaders;

/**
 * Collects a request's decoded fields and checks them against RFC 9113 §8.2 and §8.3 as they
 * arrive: lowercase token names, no NUL/CR/LF or edge whitespace in values, pseudo-headers first
 * and only the request ones, each once, no connection-specific fields, {@code te} only
 * {@code trailers}, one {@code content-length}. The first problem is kept; the block is still
 * decoded to its end (the HPACK table must stay in sync) and the request is then malformed: a
 * stream error, never handed on.
 */
final class RequestFields implements HpackDecoder.FieldSink {
    private String method;
    private String scheme;
    private String authority;
    private String path;
    private String host;
    private StringBuilder cookie;
    private long contentLength = -1;
    private boolean regularSeen;
    private final boolean trailers;
    private String problem;
    private final HttpHeaders headers = new HttpHeaders();

    /** @param trailers whether this block is a trailer section (no pseudo-headers allowed) */
    RequestFields(boolean trailers) {
        this.trailers = trailers;
    }

    /** The first problem found, or null. */
    String problem() {
        return problem;
    }

    @Override
    public void field(String name, String value) {
        if (problem != null) {
            return;
        }
        if (name.isEmpty()) {
            problem = "Empty field name";
            return;
        }
        if (!validValue(value)) {
            problem = "Field " + printable(name) + " has a value with NUL, CR, LF or leading/trailing whitespace";
            return;
        }
        if (name.charAt(0) == ':') {
            pseudo(name, value);
            return;
        }
        regularSeen = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                problem = "Field name " + printable(name) + " is not lowercase";
                return;
            }
            if (!tchar(c)) {
                problem = "Field name " + printable(name) + " has an invalid character";
                return;
            }
        }
        switch (name) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" ->
                    problem = "Connection-specific field " + name + " is not allowed in HTTP/2";
            case "te" -> {
                if (!value.equals("trailers")) {
                    problem = "Field te may only be trailers in HTTP/2";
                }
            }
            case "content-length" -> contentLength(value);
            case "host" -> {
                if (host != null) {
                    problem = "More than one host field";
                }
                host = value;
            }
            case "cookie" -> {
                // §8.2.3: crumbs are joined with "; " for HTTP/1.1 semantics.
                if (cookie == null) {
                    cookie = new StringBuilder(value);
                } else {
                    cookie.append("; ").append(value);
                }
                return;
            }
            default -> {
            }
        }
        if (problem == null && !trailers) {
            headers.add(name, value);
        }
    }

    private void pseudo(String name, String value) {
        if (trailers) {
            problem = "Pseudo-header " + printable(name) + " in trailers";
            return;
        }
        if (regularSeen) {
            problem = "Pseudo-header " + printable(name) + " after a regular field";
            return;
        }
        switch (name) {
            case ":method" -> method = once(name, method, value);
            case ":scheme" -> scheme = once(name, scheme, value);
            case ":authority" -> authority = once(name, authority, value);
            case ":path" -> path = once(name, path, value);
            default -> problem = "Pseudo-header " + printable(name) + " is not a request pseudo-header";
        }
    }

    private String once(String name, String current, String value) {
        if (current != null) {
            problem = "Pseudo-header " + name + " appears more than once";
        }
        return value;
    }

    private void contentLength(String value) {
        long parsed = 0;
        if (value.isEmpty() || value.length() > 18) {
            problem = "Invalid content-length";
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                problem = "Invalid content-length";
                return;
            }
            parsed = parsed * 10 + (c - '0');
        }
        if (contentLength >= 0 && contentLength != parsed) {
            problem = "Conflicting content-length fields";
        }
        contentLength = parsed;
    }

    /** The request once the block ended, or null if malformed ({@link #problem} says why). */
    Http2Request request() {
        if (problem != null) {
            return null;
        }
        if (method == null) {
            problem = "Missing :method";
            return null;
        }
        if (method.isEmpty() || !token(method)) {
            problem = "Invalid :method";
            return null;
        }
        if (method.equals("CONNECT")) {
            // §8.5: only :method and :authority.
            if (scheme != null || path != null || authority == null) {
                problem = "CONNECT needs :authority and no :scheme or :path";
                return null;
            }
        } else {
            if (scheme == null) {
                problem = "Missing :scheme";
                return null;
            }
            if (path == null || path.isEmpty()) {
                problem = "Missing :path";
                return null;
            }
            if (path.charAt(0) != '/' && !(path.equals("*") && method.equals("OPTIONS"))) {
                problem = "Invalid :path";
                return null;
            }
            boolean httpScheme = scheme.equals("http") || scheme.equals("https");
            if (httpScheme && (authority == null || authority.isEmpty()) && host == null) {
                problem = "Missing :authority and host";
                return null;
            }
        }
        if (authority != null && authority.indexOf('@') >= 0) {
            // §8.3.1: :authority must not include the deprecated userinfo subcomponent.
            problem = "Invalid :authority";
            return null;
        }
        if (authority != null && host != null && !authority.equalsIgnoreCase(host)) {
            problem = "host differs from :authority";
            return null;
        }
        if (cookie != null) {
            headers.add("cookie", cookie.toString());
        }
        String effectiveAuthority = authority != null && !authority.isEmpty() ? authority : host;
        if (host == null && effectiveAuthority != null) {
            headers.add("host", effectiveAuthority);
        }
        return new Http2Request(method, scheme, effectiveAuthority, path, headers, contentLength);
    }

    private static boolean validValue(String value) {
        int n = value.length();
        if (n > 0 && (ws(value.charAt(0)) || ws(value.charAt(n - 1)))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean ws(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!tchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean tchar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
