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
                    throw HttpException.badRequest("Invalid percent-encoding in " + what);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw HttpException.badRequest("Invalid percent-encoding in " + what);
                }
                bytes[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (plusIsSpace && c == '+') {
                bytes[n++] = ' ';
            } else if (c > 0x7f) {
                // Already-decoded characters (e.g. from a UTF-8 form body read as text) pass through.
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < to) {
                    enc = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(enc, 0, bytes, n, enc.length);
                n += enc.length;
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
            throw HttpException.badRequest("Invalid UTF-8 in " + what);
        }
    }
}
