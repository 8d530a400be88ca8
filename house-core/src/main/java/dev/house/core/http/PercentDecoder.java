package dev.house.core.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding to UTF-8 (RFC 3986 section 2.1): a {@code %} must be followed by two hex
 * digits and the decoded bytes must be valid UTF-8, otherwise the input is rejected with 400.
 */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes {@code s[from, to)}.
     *
     * @param plusIsSpace whether {@code +} means a space (form encoding) rather than itself
     * @param what names the decoded part in the error message, e.g. "query parameter"
     * @throws HttpException 400 on a bad escape or invalid UTF-8
     */
    public static String decode(String s, int from, int to, boolean plusIsSpace, String what) {
        return decode(s, from, to, plusIsSpace, what, null);
    }

    /**
     * Decodes {@code s[from, to)}, the value of the parameter {@code name}, which the error
     * message then names (see {@link BodyText#parameter}).
     */
    static String decode(String s, int from, int to, boolean plusIsSpace, String what, String name) {
        return decode(s, from, to, plusIsSpace, false, what, name);
    }

    /**
     * @param bytesAsChars whether {@code s} holds raw bytes one per char (a UTF-8 body read as
     *        ISO-8859-1), so that chars above 0x7f are bytes to validate as UTF-8 with the escapes,
     *        rather than characters already decoded
     */
    static String decode(String s, int from, int to, boolean plusIsSpace, boolean bytesAsChars, String what,
                         String name) {
        int firstSpecial = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+') || c > 0x7f) {
                firstSpecial = i;
                break;
            }
        }
        if (firstSpecial < 0) {
            return s.substring(from, to);
        }
        byte[] bytes = new byte[(to - from) * 3];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw invalid("Invalid percent-encoding", what, name);
                }
                int hi = hexValue(s.charAt(i + 1));
                int lo = hexValue(s.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw invalid("Invalid percent-encoding", what, name);
                }
                bytes[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (plusIsSpace && c == '+') {
                bytes[n++] = ' ';
            } else if (c > 0x7f && bytesAsChars) {
                bytes[n++] = (byte) c;
            } else if (c > 0x7f) {
                // Already-decoded characters (e.g. from a UTF-8 form body read as text) pass through;
                // a lone surrogate has no UTF-8 form, and String.getBytes would turn it into '?'.
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    throw invalid("Invalid UTF-16 text", what, name);
                }
                n = encodeUtf8(cp, bytes, n);
            } else {
                bytes[n++] = (byte) c;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw invalid("Invalid UTF-8", what, name);
        }
    }

    /** Built only on failure, so naming the parameter costs nothing on the way through. */
    private static HttpException invalid(String problem, String what, String name) {
        return HttpException.badRequest(problem + " in " + what + (name == null ? "" : " " + BodyText.parameter(name)));
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int encodeUtf8(int cp, byte[] out, int n) {
        if (cp < 0x800) {
            out[n++] = (byte) (0xc0 | (cp >> 6));
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xe0 | (cp >> 12));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        } else {
            out[n++] = (byte) (0xf0 | (cp >> 18));
            out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        }
        out[n++] = (byte) (0x80 | (cp & 0x3f));
        return n;
    }
}
