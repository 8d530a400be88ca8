package dev.house.core.session;

import dev.house.core.http.Cookies;
import dev.house.core.http.Request;

/** Reads the session token from a request's {@code Cookie} headers and writes {@code Set-Cookie} values. */
final class SessionCookie {
    /** 32 random bytes in unpadded base64url. */
    static final int TOKEN_LENGTH = 43;

    private final String name;

    SessionCookie(String name) {
        this.name = name;
    }

    /**
     * The token in the request's cookie of this name, or {@code null} when there is none or it is
     * not shaped like one of ours (checked before any lookup, so junk costs nothing).
     */
    String token(Request request) {
        for (String value : Cookies.values(request, name)) {
            if (isWellFormed(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean isWellFormed(String token) {
        if (token.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /** The cookie carrying a new session's token. */
    String issue(String token, boolean secure) {
        return name + "=" + token + attributes(secure);
    }

    /** A cookie that makes the browser forget the session cookie. */
    String clear(boolean secure) {
        return name + "=; Max-Age=0" + attributes(secure);
    }

    private static String attributes(boolean secure) {
        return "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
