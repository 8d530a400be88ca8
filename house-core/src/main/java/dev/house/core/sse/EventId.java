package dev.house.core.sse;

/**
 * The id the broker gives a published event: unique and increasing per server, written on the
 * wire as {@code <millis>-<sequence>} (the shape of a Redis stream entry id, so a multi-node
 * broker built on Redis streams can hand its own ids through unchanged). Clients treat it as an
 * opaque string; the server compares ids numerically to answer {@code Last-Event-ID}.
 *
 * @param millis   wall-clock milliseconds when the id was assigned (never decreasing)
 * @param sequence position among the ids assigned in the same millisecond
 */
public record EventId(long millis, long sequence) implements Comparable<EventId> {
    /** Longest text {@link #parse} accepts: two 18-digit numbers and the dash. */
    static final int MAX_TEXT_LENGTH = 37;

    public EventId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("event id parts must not be negative");
        }
    }

    /**
     * Reads the wire form, or returns {@code null} when {@code text} is not one (absent, too
     * long, not {@code digits-digits}): a client's {@code Last-Event-ID} is untrusted input.
     */
    public static EventId parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return null;
        }
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            return null;
        }
        long millis = digits(text, 0, dash);
        long sequence = digits(text, dash + 1, text.length());
        return millis < 0 || sequence < 0 ? null : new EventId(millis, sequence);
    }

    /** The value of the decimal digits in {@code [from, to)}, or -1 when not all digits or too big. */
    private static long digits(String s, int from, int to) {
        if (to - from > 18) {
            return -1; // keeps the value within a long without overflow checks
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The id following this one when the clock has not moved past {@code nowMillis}. */
    EventId next(long nowMillis) {
        return nowMillis > millis ? new EventId(nowMillis, 0) : new EventId(millis, sequence + 1);
    }

    public boolean isAfter(EventId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(EventId o) {
        int c = Long.compare(millis, o.millis);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    /** The wire form, {@code millis-sequence}. */
    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
