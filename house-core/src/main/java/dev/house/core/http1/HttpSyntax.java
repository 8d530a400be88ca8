package dev.house.core.http1;

import dev.house.core.http.Tokens;

/**
 * Byte classes of the HTTP/1.1 grammar (RFC 9110 section 5.6, RFC 3986 section 3.2.2), as lookup
 * tables so the parser classifies a byte with one array load instead of a chain of comparisons.
 */
final class HttpSyntax {
    private static final int TCHAR = 1;
    private static final int FIELD_VALUE = 2;
    private static final int HOST = 4;
    private static final int QDTEXT = 8;

    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int bits = 0;
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (Tokens.isTchar(c)) {
                bits |= TCHAR;
            }
            // field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value; DEL and other CTLs are refused.
            if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
                bits |= FIELD_VALUE;
            }
            // reg-name, IPv4, IP-literal and port: unreserved / pct-encoded / sub-delims / ":" "[" "]".
            if (alnum || "-._~%!$&'()*+,;=:[]".indexOf(c) >= 0) {
                bits |= HOST;
            }
            // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
            if (c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e)
                    || c >= 0x80) {
                bits |= QDTEXT;
            }
            CLASSES[c] = (byte) bits;
        }
    }

    private HttpSyntax() {
    }

    /** A token character: methods, header names, transfer codings, chunk extension names. */
    static boolean isTchar(byte b) {
        return (CLASSES[b & 0xff] & TCHAR) != 0;
    }

    /** A byte allowed inside a header value: visible ASCII, SP, HTAB or obs-text (0x80-0xFF). */
    static boolean isFieldValue(byte b) {
        return (CLASSES[b & 0xff] & FIELD_VALUE) != 0;
    }

    /** A byte allowed in a Host value or an absolute-form authority (no userinfo, path or space). */
    static boolean isHostChar(char c) {
        return c < 0x80 && (CLASSES[c] & HOST) != 0;
    }

    /** A byte allowed unescaped inside a quoted-string. */
    static boolean isQdtext(byte b) {
        return (CLASSES[b & 0xff] & QDTEXT) != 0;
    }

    /** Visible ASCII (0x21-0x7E): the only bytes allowed in a raw request target. */
    static boolean isVisibleAscii(byte b) {
        return b >= 0x21 && b <= 0x7e;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Whether {@code host} is an acceptable Host value or authority: only host and port characters. */
    static boolean isValidHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (!isHostChar(host.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
