package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * The retained events of one channel, oldest first, and the newest id it had to let go of: a
 * client resuming from before that id has missed something. Guarded by the broker's lock.
 */
final class ChannelHistory {
    /**
     * Estimated bytes an entry takes besides its payload: the entry, its id, the chunk object and
     * its two array headers, a deque slot. Measured by {@code LocalBrokerMemoryTest}.
     */
    static final int ENTRY_OVERHEAD = 160;

    /**
     * A retained event. Entries of all channels are also linked oldest to newest in one global
     * list ({@link #older}/{@link #newer}, owned by the broker), so the globally oldest event is
     * found, and any entry unlinked, in O(1) whatever the number of channels.
     */
    static final class Entry {
        final EventId id;
        final StreamChunk chunk;
        final long retainedAtNanos;
        final Channel channel;
        Entry older;
        Entry newer;

        Entry(EventId id, StreamChunk chunk, long retainedAtNanos, Channel channel) {
            this.id = id;
            this.chunk = chunk;
            this.retainedAtNanos = retainedAtNanos;
            this.channel = channel;
        }

        EventId id() {
            return id;
        }

        StreamChunk chunk() {
            return chunk;
        }

        /** Estimated memory: payload twice (plain and chunk-framed form) plus objects. */
        long cost() {
            return 2L * chunk.length() + ENTRY_OVERHEAD;
        }
    }

    // Small to start: most channels of a flood hold one event; the deque grows when needed.
    private final ArrayDeque<Entry> entries = new ArrayDeque<>(2);
    private EventId evictedThrough;

    /** @param evictedThrough ids up to this one may have existed and are gone ({@code null}: none) */
    ChannelHistory(EventId evictedThrough) {
        this.evictedThrough = evictedThrough;
    }

    void append(Entry entry) {
        entries.addLast(entry);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** The oldest entry, or {@code null}. */
    Entry oldest() {
        return entries.peekFirst();
    }

    /** Drops the oldest entry and returns it. */
    Entry evictOldest() {
        Entry e = entries.pollFirst();
        if (e != null) {
            evictedThrough = e.id();
        }
        return e;
    }

    /** Records that an event was published but not retained (history disabled). */
    void skipped(EventId id) {
        evictedThrough = id;
    }

    /** The newest id no longer retained, or {@code null} when nothing was ever lost. */
    EventId evictedThrough() {
        return evictedThrough;
    }

    /** Whether every event after {@code lastSeen} is still here. */
    boolean covers(EventId lastSeen) {
        return evictedThrough == null || lastSeen.compareTo(evictedThrough) >= 0;
    }

    /** Adds the entries after {@code lastSeen} to {@code out}, oldest first. */
    void collectAfter(EventId lastSeen, List<Entry> out) {
        int start = out.size();
        Iterator<Entry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry e = newestFirst.next();
            if (e.id().compareTo(lastSeen) <= 0) {
                break;
            }
            out.add(e);
        }
        java.util.Collections.reverse(out.subList(start, out.size()));
    }
}
