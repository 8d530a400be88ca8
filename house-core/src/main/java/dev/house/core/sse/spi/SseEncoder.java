package dev.house.core.sse.spi;

import dev.house.core.http.StreamChunk;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * Turns {@link SseEvent}s into the bytes of the {@code text/event-stream} format (UTF-8, LF line
 * ends, a blank line ending each event). An event is encoded once and the bytes are shared by
 * every stream it goes to: a broker encodes each event once per node, never per subscriber.
 */
public final class SseEncoder {
    private SseEncoder() {
    }

    /** The event as written on a stream, with its own id (if any). */
    public static StreamChunk encode(SseEvent event) {
        return StreamChunk.wrap(bytes(event, event.id()));
    }

    /** The event as written on a stream, with the id a broker assigned instead of its own. */
    public static StreamChunk encode(SseEvent event, EventId id) {
        return StreamChunk.wrap(bytes(event, id.toString()));
    }

    /** A lone {@code retry:} field: tells clients how long to wait before reconnecting. */
    public static StreamChunk retry(long millis) {
        return StreamChunk.of("retry: " + millis + "\n\n");
    }

    /**
     * {@code body} (an event encoded without id by {@link #bytes}) with an {@code id:} line in
     * front: lets a broker encode outside its lock and add the id it assigns under it.
     */
    public static byte[] withId(EventId id, byte[] body) {
        byte[] prefix = ("id: " + id + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** The event's bytes with {@code id} (or none when {@code null}) as its {@code id:} line. */
    public static byte[] bytes(SseEvent event, String id) {
        StringBuilder out = new StringBuilder(64 + (event.data() == null ? 0 : event.data().length()));
        if (event.comment() != null) {
            lines(out, ":", event.comment());
        }
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (event.name() != null) {
            out.append("event: ").append(event.name()).append('\n');
        }
        if (event.retryMillis() >= 0) {
            out.append("retry: ").append(event.retryMillis()).append('\n');
        }
        if (event.data() != null) {
            lines(out, "data: ", event.data());
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code text} as one {@code prefix}-led line per line of text, splitting on CRLF, CR
     * and LF alike (the three line ends a client recognises). The prefix for data ends with a
     * space because a client strips exactly one leading space: text starting with a space keeps it.
     */
    private static void lines(StringBuilder out, String prefix, String text) {
        int start = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(prefix).append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append(prefix).append(text, start, len).append('\n');
    }
}
