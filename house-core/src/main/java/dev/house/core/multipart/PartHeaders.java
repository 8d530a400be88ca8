package dev.house.core.multipart;

import dev.house.core.http.HttpException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The header section of one part, reduced to what RFC 7578 gives meaning to: the
 * {@code Content-Disposition} (must be {@code form-data} with a {@code name}; a {@code filename}
 * makes the part a file) and the {@code Content-Type}. Other headers are ignored.
 */
record PartHeaders(String name, String filename, String contentType) {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** The file's declared type, {@code application/octet-stream} when the client sent none. */
    String fileContentType() {
        return contentType != null ? contentType : "application/octet-stream";
    }

    /**
     * Parses the CRLF-separated lines in {@code body[from, to)}.
     *
     * @param part the part's 1-based number, for error messages (its name is client input and is not echoed)
     * @throws HttpException 400 naming the problem
     */
    static PartHeaders parse(byte[] body, int from, int to, int part) {
        String disposition = null;
        String contentType = null;
        int lineStart = from;
        while (lineStart < to) {
            int lineEnd = lineEnd(body, lineStart, to);
            if (body[lineStart] == ' ' || body[lineStart] == '\t') {
                throw HttpException.badRequest("Multipart part " + part + " uses obsolete header line folding");
            }
            int colon = -1;
            for (int i = lineStart; i < lineEnd; i++) {
                int b = body[i] & 0xff; // bytes of UTF-8 file names are above 0x7f, not control characters
                if (b == ':' && colon < 0) {
                    colon = i;
                } else if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    throw HttpException.badRequest("Multipart part " + part + " has a control character in a header");
                }
            }
            if (colon <= lineStart || body[colon - 1] == ' ' || body[colon - 1] == '\t') {
                throw HttpException.badRequest("Multipart part " + part + " has a malformed header line");
            }
            if (nameIs(body, lineStart, colon, "Content-Disposition")) {
                if (disposition != null) {
                    throw HttpException.badRequest("Multipart part " + part + " has more than one Content-Disposition");
                }
                disposition = value(body, colon + 1, lineEnd, part);
            } else if (nameIs(body, lineStart, colon, "Content-Type")) {
                contentType = value(body, colon + 1, lineEnd, part);
            }
            lineStart = lineEnd + 2;
        }
        if (disposition == null) {
            throw HttpException.badRequest("Multipart part " + part + " has no Content-Disposition header");
        }
        if (!HeaderParameters.mainValue(disposition).equalsIgnoreCase("form-data")) {
            throw HttpException.badRequest("Multipart part " + part + " Content-Disposition is not form-data");
        }
        String name = null;
        String filename = null;
        for (HeaderParameters.Parameter p : HeaderParameters.parse(disposition)) {
            if (p.name().equalsIgnoreCase("name")) {
                name = p.value();
            } else if (p.name().equalsIgnoreCase("filename")) {
                filename = p.value();
            }
        }
        if (name == null) {
            throw HttpException.badRequest("Multipart part " + part + " Content-Disposition has no name");
        }
        return new PartHeaders(name, filename, contentType == null || contentType.isEmpty() ? null : contentType);
    }

    /** The CRLF ending the line at {@code from}; a bare CR or LF inside the section is an error. */
    private static int lineEnd(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == CR || body[i] == LF) {
                if (body[i] == CR && i + 1 < to && body[i + 1] == LF) {
                    return i;
                }
                throw HttpException.badRequest("Multipart part headers contain a bare CR or LF");
            }
        }
        return to;
    }

    private static boolean nameIs(byte[] body, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int b = body[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A'; // header names are case-insensitive
            }
            if (b != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] body, int from, int to, int part) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, from, to - from))
                    .toString()
                    .trim();
        } catch (CharacterCodingException e) {
            throw HttpException.badRequest("Multipart part " + part + " has a header that is not valid UTF-8");
        }
    }
}
