package dev.house.core.io;

import java.util.Arrays;

/**
 * One loop's write coalescing: the shared payloads connections queued during the current pass
 * ({@link Connection#writeShared}) and the connections that have some, or whose protocol asked to
 * write at the end of the pass ({@link Connection#flushAtEndOfPass}): "dirty". At the end of the
 * pass the loop writes each dirty connection once, every payload it queued in one write, so
 * events that pile up for a connection (a burst, a loop that fell behind) leave together, while
 * an event alone still leaves in the pass it was sent in.
 *
 * <p>Entries are indexes into parallel arrays that the loop reuses pass after pass, each linked
 * to its connection's next entry, so queuing allocates nothing per connection or per payload.
 * Loop-confined.
 */
final class SharedWrites {
    private static final int INITIAL = 256;
    /** Above this many entries the arrays are given back after a pass (one burst, not the norm). */
    private static final int KEEP = 64 * 1024;

    private byte[][] payloads = new byte[INITIAL][];
    private Framing[] framings = new Framing[INITIAL];
    private int[] next = new int[INITIAL];
    private int size;

    private Connection firstDirty;
    private Connection lastDirty;

    /** Adds an entry and returns its index; the caller links it after its connection's last one. */
    int add(byte[] payload, Framing framing) {
        if (size == payloads.length) {
            int capacity = size * 2;
            payloads = Arrays.copyOf(payloads, capacity);
            framings = Arrays.copyOf(framings, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        payloads[size] = payload;
        framings[size] = framing;
        next[size] = -1;
        return size++;
    }

    void link(int from, int to) {
        next[from] = to;
    }

    int next(int entry) {
        return next[entry];
    }

    byte[] payload(int entry) {
        return payloads[entry];
    }

    Framing framing(int entry) {
        return framings[entry];
    }

    /**
     * Puts {@code connection} on the list flushed at the end of the pass (once): for its shared
     * payloads, or for its protocol's {@link Protocol#onEndOfPass}.
     */
    void markDirty(Connection connection) {
        if (connection.dirty) {
            return;
        }
        connection.dirty = true;
        connection.nextDirty = null;
        if (lastDirty == null) {
            firstDirty = connection;
        } else {
            lastDirty.nextDirty = connection;
        }
        lastDirty = connection;
    }

    boolean hasDirty() {
        return firstDirty != null;
    }

    /**
     * Writes every dirty connection once, in the order they became dirty; connections made dirty
     * meanwhile (a drained connection's protocol writing more) are written in the same call.
     */
    void flushDirty() {
        Connection c;
        while ((c = firstDirty) != null) {
            firstDirty = c.nextDirty;
            if (firstDirty == null) {
                lastDirty = null;
            }
            c.nextDirty = null;
            c.dirty = false;
            c.endOfPass();
        }
        // Every connection's entries were written or dropped: the arrays start over.
        if (size > KEEP) {
            payloads = new byte[INITIAL][];
            framings = new Framing[INITIAL];
            next = new int[INITIAL];
        } else {
            Arrays.fill(payloads, 0, size, null); // keep no event alive past its pass
            Arrays.fill(framings, 0, size, null);
        }
        size = 0;
    }
}
