package dev.house.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one rule for turning request text into strings, whatever its source (query string, form
 * body, JSON body, multipart field): malformed UTF-8 (overlong forms such as {@code C0 AF},
 * encoded surrogates, code points above U+10FFFF, truncated sequences) is a 400 naming the
 * parameter or the body, never replaced by U+FFFD or {@code ?}. A text body may declare UTF-8,
 * US-ASCII or ISO-8859-1; any other charset is a 415 naming it. JSON must be UTF-8 (RFC 8259
 * section 8.1), so a JSON body declaring another charset is a 415, and a {@code \}{@code u}
 * escape of a lone surrogate is a 400, since it has no UTF-8 form either.
 */
public final class BodyText {
    /** Longest parameter name echoed in an error message; longer ones are not shown. */
    private static final int MAX_ECHOED_NAME = 64;

    private BodyText() {
    }

    /**
     * The request body as text in its declared charset (UTF-8 when none is declared).
     *
     * @throws HttpException 415 for a charset other than UTF-8, US-ASCII or ISO-8859-1; 400 when
     *         the bytes are not valid in it
     */
    public static String of(Request request) {
        Charset charset = textCharset(request);
        byte[] body = request.body();
        return decode(body, 0, body.length, charset, "the request body");
    }

    /**
     * Checks that a JSON body is UTF-8 as RFC 8259 requires: no other charset declared, the bytes
     * valid UTF-8 and no escaped lone surrogate. Linear in the body's size.
     *
     * @throws HttpException 415 for another declared charset, 400 for malformed text
     */
    public static void requireJsonUtf8(Request request) {
        String declared = declaredCharset(request);
        if (declared != null && !isUtf8(declared)) {
            throw new HttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "JSON must be UTF-8 (RFC 8259); the body declares charset " + shown(declared));
        }
        byte[] body = request.body();
        decode(body, 0, body.length, StandardCharsets.UTF_8, "the JSON body");
        int escaped = loneSurrogateEscape(body);
        if (escaped >= 0) {
            throw HttpException.badRequest("Invalid UTF-8 in the JSON body: an escaped lone surrogate"
                    + " at byte " + escaped);
        }
    }

    /**
     * Strictly decodes {@code bytes[from, from + length)} as UTF-8.
     *
     * @param what names the text in the error message, e.g. "multipart field 'title'"
     * @throws HttpException 400 "Invalid UTF-8 in ..." when the bytes are malformed
     */
    public static String utf8(byte[] bytes, int from, int length, String what) {
        return decode(bytes, from, from + length, StandardCharsets.UTF_8, what);
    }

    /**
     * A parameter name as error messages show it: quoted when short and made of letters, digits
     * and {@code -_.[]}, otherwise described without echoing the client's bytes.
     */
    public static String parameter(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_ECHOED_NAME) {
            return "parameter (name not shown)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '[' || c == ']';
            if (!plain) {
                return "parameter (name not shown)";
            }
        }
        return "parameter '" + name + "'";
    }

    /** The charset a text body is read with; UTF-8 when none is declared. */
    static Charset textCharset(Request request) {
        String declared = declaredCharset(request);
        if (declared == null || isUtf8(declared)) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.toLowerCase(Locale.ROOT);
        switch (name) {
            case "us-ascii":
            case "ascii":
                return StandardCharsets.US_ASCII;
            case "iso-8859-1":
            case "latin1":
            case "iso8859-1":
            case "iso_8859-1":
                return StandardCharsets.ISO_8859_1;
            default:
                throw new HttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset "
                        + shown(declared) + " for a text body: use UTF-8, US-ASCII or ISO-8859-1");
        }
    }

    private static boolean isUtf8(String name) {
        return name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("utf8");
    }

    /** The {@code charset} parameter of {@code Content-Type}, unquoted, or {@code null}. */
    private static String declaredCharset(Request request) {
        String ct = request.header("Content-Type");
        if (ct == null) {
            return null;
        }
        int semi = ct.indexOf(';');
        while (semi >= 0) {
            int next = ct.indexOf(';', semi + 1);
            int end = next < 0 ? ct.length() : next;
            int eq = indexOf(ct, '=', semi + 1, end);
            if (eq > 0 && ct.substring(semi + 1, eq).trim().equalsIgnoreCase("charset")) {
                String value = ct.substring(eq + 1, end).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
            semi = next;
        }
        return null;
    }

    /** Like {@link String#indexOf(int, int)} but stopping at {@code to}, so a scan never passes its segment. */
    static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** A charset name as sent, if it looks like one (RFC 2978 names are short tokens), else a description. */
    private static String shown(String declared) {
        if (declared.isEmpty() || declared.length() > 40) {
            return "(not shown)";
        }
        for (int i = 0; i < declared.length(); i++) {
            char c = declared.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':')) {
                return "(not shown)";
            }
        }
        return declared;
    }

    private static String decode(byte[] bytes, int from, int to, Charset charset, String what) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpException.badRequest("Invalid " + (charset == StandardCharsets.UTF_8 ? "UTF-8"
                    : charset.name()) + " in " + what);
        }
    }

    /**
     * The offset of a {@code \}{@code u} escape of a lone surrogate, or -1. A backslash can only
     * stand in a JSON string, where it starts an escape, so one pass over the bytes is enough;
     * malformed escapes are left to the JSON parser.
     */
    static int loneSurrogateEscape(byte[] json) {
        int n = json.length;
        int i = 0;
        while (i < n) {
            if (json[i] != '\\') {
                i++;
                continue;
            }
            int unit = i + 1 < n && json[i + 1] == 'u' ? hex4(json, i + 2) : -1;
            if (unit < 0) {
                i += 2; // an escape other than \\u (or a malformed one): skip the escaped byte
                continue;
            }
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
                return i;
            }
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                int low = i + 7 < n && json[i + 6] == '\\' && json[i + 7] == 'u' ? hex4(json, i + 8) : -1;
                if (low < 0xDC00 || low > 0xDFFF) {
                    return i;
                }
                i += 12;
            } else {
                i += 6;
            }
        }
        return -1;
    }

    private static int hex4(byte[] b, int from) {
        if (from + 4 > b.length) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int c = b[i];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
