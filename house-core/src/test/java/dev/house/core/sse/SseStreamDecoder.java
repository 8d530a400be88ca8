package dev.house.core.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a raw HTTP response carrying an event stream as the bytes arrive: the head, then the
 * body (chunked or close-delimited), then SSE lines into events. Test-side, byte by byte.
 */
final class SseStreamDecoder {
    private enum State { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, BODY, DONE }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream bodyLine = new ByteArrayOutputStream();
    private final SseParser parser = new SseParser();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private State state = State.HEAD;
    private String statusLine;
    private long chunkRemaining;
    private int chunkEndBytes;
    private final StringBuilder errorBody = new StringBuilder();

    /** Feeds {@code len} bytes; returns the events and comments completed by them. */
    List<SseParser.Event> feed(byte[] bytes, int off, int len) {
        List<SseParser.Event> out = new ArrayList<>();
        for (int i = off; i < off + len; i++) {
            byte b = bytes[i];
            switch (state) {
                case HEAD -> head(b);
                case CHUNK_SIZE -> chunkSize(b);
                case CHUNK_DATA -> {
                    body(b, out);
                    if (--chunkRemaining == 0) {
                        state = State.CHUNK_END;
                        chunkEndBytes = 0;
                    }
                }
                case CHUNK_END -> {
                    if (++chunkEndBytes == 2) {
                        state = State.CHUNK_SIZE;
                    }
                }
                case BODY -> body(b, out);
                case DONE -> { }
            }
        }
        return out;
    }

    boolean headDone() {
        return state != State.HEAD;
    }

    /** Whether the chunked body ended with its last chunk. */
    boolean ended() {
        return state == State.DONE;
    }

    int status() {
        return statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ", 3)[1]);
    }

    String statusLine() {
        return statusLine;
    }

    /** Response headers, names lower-cased. */
    Map<String, String> headers() {
        return headers;
    }

    /** The body of a non-stream (error) reply seen so far. */
    String text() {
        return errorBody.toString();
    }

    private void head(byte b) {
        if (b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
            return;
        }
        String l = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        if (statusLine == null) {
            statusLine = l;
        } else if (!l.isEmpty()) {
            int colon = l.indexOf(':');
            headers.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(),
                    (a, c) -> a + ", " + c);
        } else {
            state = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? State.CHUNK_SIZE : State.BODY;
        }
    }

    private void chunkSize(byte b) {
        if (b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
            return;
        }
        String l = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        int semi = l.indexOf(';');
        chunkRemaining = Long.parseLong(semi < 0 ? l.trim() : l.substring(0, semi).trim(), 16);
        state = chunkRemaining == 0 ? State.DONE : State.CHUNK_DATA;
    }

    private void body(byte b, List<SseParser.Event> out) {
        if (status() != 200) {
            errorBody.append((char) b);
            return;
        }
        bodyLine.write(b);
        if (b == '\n') {
            out.addAll(parser.feed(bodyLine.toString(StandardCharsets.UTF_8)));
            bodyLine.reset();
        }
    }
}
