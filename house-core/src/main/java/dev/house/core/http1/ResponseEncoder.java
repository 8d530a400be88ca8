package dev.house.core.http1;

import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import dev.house.core.http.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an HTTP/1.1 response's status line and header section as bytes. The framing headers
 * ({@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}, {@code Date}) are the
 * server's to decide and are passed in; the same names set by a handler are ignored. Header
 * names and values are checked so a handler can never split the response.
 */
final class ResponseEncoder {
    private static final byte[] HTTP_1_1 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATE = "Date: ".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[512];
    private int len;

    /** How the body is framed on the wire. */
    enum Framing { NONE, LENGTH, CHUNKED, CLOSE_DELIMITED }

    /**
     * Encodes the head of {@code response}.
     *
     * @param contentLength written as {@code Content-Length} when framing is LENGTH
     * @param close whether to announce {@code Connection: close}
     * @param keepAlive10 whether to announce {@code Connection: keep-alive} (HTTP/1.0 clients)
     * @return the head's length; its bytes are in {@link #bytes()} until the next call
     * @throws IllegalArgumentException when a header name or value is not allowed on the wire
     */
    int encode(Response response, Framing framing, long contentLength, boolean close,
                      boolean keepAlive10, byte[] date) {
        len = 0;
        HttpStatus status = response.status();
        append(HTTP_1_1);
        appendAscii(Integer.toString(status.code()));
        append((byte) ' ');
        appendAscii(status.reason());
        crlf();
        append(DATE);
        append(date);
        crlf();
        HttpHeaders headers = response.headers();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (isFramingHeader(name)) {
                continue;
            }
            checkName(name);
            appendAscii(name);
            append((byte) ':');
            append((byte) ' ');
            appendValue(headers.value(i));
            crlf();
        }
        if (framing == Framing.LENGTH) {
            appendAscii("Content-Length: ");
            appendAscii(Long.toString(contentLength));
            crlf();
        } else if (framing == Framing.CHUNKED) {
            appendAscii("Transfer-Encoding: chunked");
            crlf();
        }
        if (close) {
            appendAscii("Connection: close");
            crlf();
        } else if (keepAlive10) {
            appendAscii("Connection: keep-alive");
            crlf();
        }
        crlf();
        return len;
    }

    /** The encoder's buffer holding the last encoded head; reused by the next call. */
    byte[] bytes() {
        return buf;
    }

    private static boolean isFramingHeader(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Date");
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty response header name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Tokens.isTchar(name.charAt(i))) {
                throw new IllegalArgumentException("response header name is not a token: " + name);
            }
        }
    }

    private void appendValue(String value) {
        ensure(value.length() * 3);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("response header value contains a control character");
            }
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else {
                byte[] utf8 = value.substring(i, Character.charCount(value.codePointAt(i)) + i)
                        .getBytes(StandardCharsets.UTF_8);
                for (byte b : utf8) {
                    buf[len++] = b;
                }
                i += Character.charCount(value.codePointAt(i)) - 1;
            }
        }
    }

    private void appendAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void append(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
