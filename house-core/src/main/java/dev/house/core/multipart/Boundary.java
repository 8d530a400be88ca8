package dev.house.core.multipart;

import dev.house.core.http.HttpException;
import java.nio.charset.StandardCharsets;

/**
 * The boundary of a {@code multipart/form-data} body, read from the {@code Content-Type}
 * parameter (quoted or not) and checked against RFC 2046's grammar: 1 to 70 characters from
 * a restricted set, not ending in a space.
 */
final class Boundary {
    private static final int MAX_LENGTH = 70;

    private Boundary() {
    }

    /**
     * The boundary's bytes from a {@code Content-Type} value already known to be
     * {@code multipart/form-data}.
     *
     * @throws HttpException 400 when the parameter is missing or invalid
     */
    static byte[] fromContentType(String contentType) {
        String value = parameter(contentType, "boundary");
        if (value == null) {
            throw HttpException.badRequest("multipart/form-data Content-Type has no boundary parameter");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw HttpException.badRequest("Multipart boundary must be 1 to 70 characters long");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isBoundaryChar(value.charAt(i))) {
                throw HttpException.badRequest("Multipart boundary contains a character RFC 2046 does not allow");
            }
        }
        if (value.charAt(value.length() - 1) == ' ') {
            throw HttpException.badRequest("Multipart boundary must not end with a space");
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isBoundaryChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "'()+_,-./:=? ".indexOf(c) >= 0;
    }

    /** A parameter of a header value like {@code type; a=1; b="two"}, unquoted, or {@code null}. */
    static String parameter(String headerValue, String name) {
        for (HeaderParameters.Parameter p : HeaderParameters.parse(headerValue)) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }
}
