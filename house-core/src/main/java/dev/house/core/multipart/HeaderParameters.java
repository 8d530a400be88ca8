package dev.house.core.multipart;

import dev.house.core.http.HttpException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a header value of the form {@code value; name=token; name="quoted string"} into its
 * parameters. In quoted strings {@code \"} and {@code \\} are escapes (RFC 9110 quoted-pair, as
 * curl sends them); any other backslash is kept, because browsers send file names verbatim and
 * old Windows clients send paths like {@code C:\dir\file.txt}.
 */
final class HeaderParameters {
    /** One {@code name=value} parameter, the value unquoted. */
    record Parameter(String name, String value) {
    }

    private HeaderParameters() {
    }

    /** The value before the first {@code ;}, trimmed. */
    static String mainValue(String headerValue) {
        int semi = headerValue.indexOf(';');
        return (semi < 0 ? headerValue : headerValue.substring(0, semi)).trim();
    }

    /**
     * @throws HttpException 400 on an unterminated quoted string or a parameter without {@code =}
     */
    static List<Parameter> parse(String headerValue) {
        List<Parameter> params = new ArrayList<>(4);
        int len = headerValue.length();
        int i = headerValue.indexOf(';');
        if (i < 0) {
            return params;
        }
        i++;
        while (i < len) {
            while (i < len && (headerValue.charAt(i) == ' ' || headerValue.charAt(i) == '\t' || headerValue.charAt(i) == ';')) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int eq = headerValue.indexOf('=', i);
            int semi = headerValue.indexOf(';', i);
            if (eq < 0 || (semi >= 0 && semi < eq)) {
                throw HttpException.badRequest("Malformed header parameter in a multipart body or Content-Type");
            }
            String name = headerValue.substring(i, eq).trim();
            i = eq + 1;
            while (i < len && (headerValue.charAt(i) == ' ' || headerValue.charAt(i) == '\t')) {
                i++;
            }
            String value;
            if (i < len && headerValue.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < len) {
                    char c = headerValue.charAt(i);
                    if (c == '\\' && i + 1 < len && (headerValue.charAt(i + 1) == '"' || headerValue.charAt(i + 1) == '\\')) {
                        sb.append(headerValue.charAt(i + 1));
                        i += 2;
                    } else if (c == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        sb.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw HttpException.badRequest("Unterminated quoted string in a header parameter");
                }
                value = sb.toString();
                while (i < len && headerValue.charAt(i) != ';') {
                    if (headerValue.charAt(i) != ' ' && headerValue.charAt(i) != '\t') {
                        throw HttpException.badRequest("Unexpected characters after a quoted header parameter");
                    }
                    i++;
                }
            } else {
                int end = headerValue.indexOf(';', i);
                if (end < 0) {
                    end = len;
                }
                value = headerValue.substring(i, end).trim();
                i = end;
            }
            if (name.isEmpty()) {
                throw HttpException.badRequest("Header parameter without a name");
            }
            params.add(new Parameter(name, value));
        }
        return params;
    }
}
