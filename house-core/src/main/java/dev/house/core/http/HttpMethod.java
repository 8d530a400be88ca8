package dev.house.core.http;

/**
 * The request methods house knows (RFC 9110 section 9 plus PATCH). A syntactically valid method
 * token that is not listed here is answered with 501 Not Implemented.
 */
public enum HttpMethod {
    GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH;

    private static final HttpMethod[] VALUES = values();

    /**
     * Finds the method spelled by {@code len} ASCII bytes of {@code bytes} from {@code offset},
     * case-sensitively, without allocating.
     *
     * @return the method, or {@code null} when the token names no method house knows
     */
    public static HttpMethod lookup(byte[] bytes, int offset, int len) {
        for (HttpMethod m : VALUES) {
            String name = m.name();
            if (name.length() != len) {
                continue;
            }
            int i = 0;
            while (i < len && bytes[offset + i] == name.charAt(i)) {
                i++;
            }
            if (i == len) {
                return m;
            }
        }
        return null;
    }
}
