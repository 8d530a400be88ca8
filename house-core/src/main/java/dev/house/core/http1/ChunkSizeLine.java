package dev.house.core.http1;

import dev.house.core.http.HttpException;

/**
 * Parses one {@code chunk-size [ chunk-ext ]} line of a chunked body (RFC 9112 section 7.1):
 * strict hex digits (at most 16, so the size always fits a {@code long}) followed by
 * {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}. Extensions are
 * validated and then ignored, since house gives no meaning to any.
 */
final class ChunkSizeLine {
    /** Hex digits beyond this could overflow a long; RFC 9112 lets a recipient refuse them. */
    static final int MAX_SIZE_DIGITS = 16;

    private ChunkSizeLine() {
    }

    /**
     * @param line the line without its terminator, in {@code line[0, len)}
     * @return the chunk size
     * @throws HttpException 400 when the size or an extension is malformed
     */
    static long parse(byte[] line, int len) {
        long size = 0;
        int i = 0;
        while (i < len) {
            int digit = HttpSyntax.hexValue(line[i]);
            if (digit < 0) {
                break;
            }
            if (i == MAX_SIZE_DIGITS) {
                throw HttpException.badRequest("Chunk size has more than " + MAX_SIZE_DIGITS + " hex digits");
            }
            size = (size << 4) | digit;
            i++;
        }
        if (i == 0) {
            throw HttpException.badRequest("Chunk size is missing or not hexadecimal");
        }
        if (size < 0) {
            throw HttpException.badRequest("Chunk size is too large");
        }
        checkExtensions(line, i, len);
        return size;
    }

    private static void checkExtensions(byte[] line, int i, int len) {
        while (true) {
            i = skipWhitespace(line, i, len);
            if (i == len) {
                if (i > 0 && HttpSyntax.isWhitespace(line[i - 1])) {
                    // BWS is only allowed around ';' and '=', never trailing on its own.
                    throw malformed();
                }
                return;
            }
            if (line[i] != ';') {
                throw malformed();
            }
            i = skipWhitespace(line, i + 1, len);
            int nameStart = i;
            while (i < len && HttpSyntax.isTchar(line[i])) {
                i++;
            }
            if (i == nameStart) {
                throw malformed();
            }
            int afterName = i;
            i = skipWhitespace(line, i, len);
            if (i < len && line[i] == '=') {
                i = skipWhitespace(line, i + 1, len);
                i = i < len && line[i] == '"' ? skipQuotedString(line, i, len) : skipToken(line, i, len);
            } else {
                i = afterName;
            }
        }
    }

    private static int skipToken(byte[] line, int i, int len) {
        int start = i;
        while (i < len && HttpSyntax.isTchar(line[i])) {
            i++;
        }
        if (i == start) {
            throw malformed();
        }
        return i;
    }

    /** Skips {@code DQUOTE *( qdtext / quoted-pair ) DQUOTE} starting at the opening quote. */
    private static int skipQuotedString(byte[] line, int i, int len) {
        i++;
        while (i < len) {
            byte b = line[i];
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                if (i + 1 == len || !HttpSyntax.isFieldValue(line[i + 1])) {
                    throw malformed();
                }
                i += 2;
            } else if (HttpSyntax.isQdtext(b)) {
                i++;
            } else {
                throw malformed();
            }
        }
        throw malformed();
    }

    private static int skipWhitespace(byte[] line, int i, int len) {
        while (i < len && HttpSyntax.isWhitespace(line[i])) {
            i++;
        }
        return i;
    }

    private static HttpException malformed() {
        return HttpException.badRequest("Malformed chunk extension");
    }
}
