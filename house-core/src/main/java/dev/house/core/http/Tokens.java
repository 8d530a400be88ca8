package dev.house.core.http;

/** Character classes of RFC 9110 section 5.6.2, by table lookup. */
public final class Tokens {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Tokens() {
    }

    /** Whether {@code c} may appear in a token (method, header name, coding). */
    public static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }
}
