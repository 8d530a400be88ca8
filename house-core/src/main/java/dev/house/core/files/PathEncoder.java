package dev.house.core.files;

import java.nio.charset.StandardCharsets;

/** Percent-encodes a decoded path for a {@code Location} header. */
final class PathEncoder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathEncoder() {
    }

    /** Appends {@code path} with every byte outside RFC 3986 {@code pchar} and {@code /} encoded. */
    static void appendEncodedPath(StringBuilder out, String path) {
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPathChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    private static boolean isPathChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    /** Whether a raw query may be copied into a header as is: visible ASCII only. */
    static boolean isSafeQuery(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
