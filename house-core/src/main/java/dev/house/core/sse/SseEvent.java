package dev.house.core.sse;

import java.time.Duration;
import java.util.Objects;

/**
 * One server-sent event as an application builds it: optional name ({@code event:}), data, id,
 * reconnection hint ({@code retry:}) and comment. Immutable and checked when built: an id or
 * name containing CR, LF or NUL is refused, since it would break the framing. Data may contain
 * any line breaks ({@code \n}, {@code \r\n}, {@code \r}); they become separate {@code data:}
 * lines that a browser's {@code EventSource} joins back with {@code \n}.
 *
 * <pre>{@code
 * SseEvent.data("hello");
 * SseEvent.builder().name("chat").data("{\"text\":\"hi\"}").build();
 * }</pre>
 */
public final class SseEvent {
    private final String id;
    private final String name;
    private final String data;
    private final long retryMillis;
    private final String comment;

    private SseEvent(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.data = b.data;
        this.retryMillis = b.retryMillis;
        this.comment = b.comment;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An unnamed event (a browser's {@code message} event) carrying {@code data}. */
    public static SseEvent data(String data) {
        return builder().data(data).build();
    }

    /** A named event carrying {@code data}. */
    public static SseEvent named(String name, String data) {
        return builder().name(name).data(data).build();
    }

    /** A comment line: ignored by clients, it keeps idle connections alive. */
    public static SseEvent comment(String comment) {
        return builder().comment(comment).build();
    }

    /** The id, or {@code null}. Events published to a channel get theirs from the broker. */
    public String id() {
        return id;
    }

    /** The event name ({@code event:}), or {@code null} for the default {@code message}. */
    public String name() {
        return name;
    }

    /** The data, or {@code null} when the event carries none (then browsers dispatch nothing). */
    public String data() {
        return data;
    }

    /** The reconnection hint in milliseconds, or -1 when absent. */
    public long retryMillis() {
        return retryMillis;
    }

    /** The comment, or {@code null}. */
    public String comment() {
        return comment;
    }

    @Override
    public String toString() {
        return "SseEvent[id=" + id + ", name=" + name + ", retry=" + retryMillis + ", data="
                + (data == null ? null : data.length() + " chars") + "]";
    }

    /** Collects the fields of an {@link SseEvent}; each setter checks its argument. */
    public static final class Builder {
        private String id;
        private String name;
        private String data;
        private long retryMillis = -1;
        private String comment;

        private Builder() {
        }

        /** Sets the id; must not contain CR, LF or NUL. Not allowed for channel events. */
        public Builder id(String id) {
            this.id = singleLine(id, "id");
            return this;
        }

        /** Sets the event name; must be non-empty and must not contain CR, LF or NUL. */
        public Builder name(String name) {
            String n = singleLine(name, "name");
            if (n.isEmpty()) {
                throw new IllegalArgumentException("an event name must not be empty");
            }
            this.name = n;
            return this;
        }

        /** Sets the data; any text, line breaks included (an empty string is an empty message). */
        public Builder data(String data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /** Sets the reconnection hint; whole milliseconds, not negative. */
        public Builder retry(Duration retry) {
            Objects.requireNonNull(retry, "retry");
            if (retry.isNegative()) {
                throw new IllegalArgumentException("retry must not be negative: " + retry);
            }
            this.retryMillis = retry.toMillis();
            return this;
        }

        /** Sets a comment; line breaks in it start further comment lines. */
        public Builder comment(String comment) {
            this.comment = Objects.requireNonNull(comment, "comment");
            return this;
        }

        public SseEvent build() {
            if (id == null && name == null && data == null && retryMillis < 0 && comment == null) {
                throw new IllegalArgumentException("an event needs at least one field");
            }
            return new SseEvent(this);
        }

        private static String singleLine(String value, String field) {
            Objects.requireNonNull(value, field);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || c == '\r' || c == '\0') {
                    throw new IllegalArgumentException(
                            "an event " + field + " must not contain CR, LF or NUL (at index " + i + ")");
                }
            }
            return value;
        }
    }
}
