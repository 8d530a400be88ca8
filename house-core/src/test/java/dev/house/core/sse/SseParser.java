package dev.house.core.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * A test-side client parser following the WHATWG event-stream interpretation rules: what a
 * browser's EventSource would make of the bytes. Fed incrementally, it returns whole events.
 */
final class SseParser {
    /** A dispatched event or a comment ({@code comment} set, other fields null). */
    record Event(String id, String name, String data, String comment, Long retry) {
        boolean isComment() {
            return comment != null;
        }
    }

    private final StringBuilder pending = new StringBuilder();
    private String id;
    private String name;
    private StringBuilder data;
    private Long retry;
    private boolean sawCr;

    static List<Event> parse(String text) {
        return new SseParser().feed(text);
    }

    /** Consumes {@code text} and returns the events and comments completed by it. */
    List<Event> feed(String text) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && sawCr) {
                sawCr = false;
                continue;
            }
            sawCr = c == '\r';
            if (c == '\n' || c == '\r') {
                line(pending.toString(), out);
                pending.setLength(0);
            } else {
                pending.append(c);
            }
        }
        return out;
    }

    private void line(String line, List<Event> out) {
        if (line.isEmpty()) {
            if (data != null || name != null || id != null || retry != null) {
                String d = data == null ? null : data.toString();
                if (d != null && d.endsWith("\n")) {
                    d = d.substring(0, d.length() - 1);
                }
                out.add(new Event(id, name, d, null, retry));
            }
            id = null;
            name = null;
            data = null;
            retry = null;
            return;
        }
        if (line.charAt(0) == ':') {
            out.add(new Event(null, null, null, line.substring(1), null));
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> (data == null ? data = new StringBuilder() : data).append(value).append('\n');
            case "event" -> name = value;
            case "id" -> id = value;
            case "retry" -> retry = Long.parseLong(value);
            default -> { }
        }
    }
}
