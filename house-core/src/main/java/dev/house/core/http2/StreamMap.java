package dev.house.core.http2;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Values by stream id, for a connection's streams: open addressing with linear probing over an
 * {@code int[]} of ids and an array of values, so an entry costs two array slots instead of a
 * {@code HashMap} node and a boxed id (an idle SSE stream is kept for hours, a hundred per
 * connection). Stream ids are positive (RFC 9113 §5.1.1), so 0 marks a free slot. Iteration fails
 * fast on a change, like {@code HashMap}'s. On the connection's loop only.
 */
final class StreamMap<V> implements Iterable<V> {
    private static final int MIN_CAPACITY = 8;

    private int[] ids = new int[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY];
    /** 32 minus log2 of the capacity: the hash's top bits pick the slot. */
    private int shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    private int size;
    private int changes;

    V get(int id) {
        int slot = find(id);
        return slot < 0 ? null : value(slot);
    }

    void put(int id, V value) {
        if (id <= 0) {
            throw new IllegalArgumentException("stream id must be positive: " + id);
        }
        int slot = find(id);
        if (slot >= 0) {
            values[slot] = value;
            return;
        }
        if ((size + 1) * 4 > ids.length * 3) {
            resize(ids.length * 2);
        }
        slot = free(id);
        ids[slot] = id;
        values[slot] = value;
        size++;
        changes++;
    }

    /** Removes the id's entry; returns its value, or null if absent. */
    V remove(int id) {
        int slot = find(id);
        if (slot < 0) {
            return null;
        }
        V removed = value(slot);
        delete(slot);
        return removed;
    }

    /** Removes the id's entry only if it maps to {@code value}. */
    boolean remove(int id, V value) {
        int slot = find(id);
        if (slot < 0 || values[slot] != value) {
            return false;
        }
        delete(slot);
        return true;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        if (size > 0) {
            ids = new int[MIN_CAPACITY];
            values = new Object[MIN_CAPACITY];
            shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
            size = 0;
            changes++;
        }
    }

    /** A copy of the values, for walks that change the map. */
    List<V> snapshot() {
        List<V> copy = new ArrayList<>(size);
        for (V v : this) {
            copy.add(v);
        }
        return copy;
    }

    @Override
    public Iterator<V> iterator() {
        return new Iterator<>() {
            private final int expected = changes;
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < ids.length && ids[i] == 0) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < ids.length;
            }

            @Override
            public V next() {
                if (changes != expected) {
                    throw new ConcurrentModificationException();
                }
                if (next >= ids.length) {
                    throw new NoSuchElementException();
                }
                V v = value(next);
                next = advance(next + 1);
                return v;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private V value(int slot) {
        return (V) values[slot];
    }

    private int find(int id) {
        int mask = ids.length - 1;
        for (int i = slot(id); ; i = (i + 1) & mask) {
            int at = ids[i];
            if (at == id) {
                return i;
            }
            if (at == 0) {
                return -1;
            }
        }
    }

    private int free(int id) {
        int mask = ids.length - 1;
        int i = slot(id);
        while (ids[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Backward-shift deletion: entries after the hole move up when their home slot allows, so no tombstones. */
    private void delete(int slot) {
        int mask = ids.length - 1;
        int hole = slot;
        for (int i = (hole + 1) & mask; ids[i] != 0; i = (i + 1) & mask) {
            int home = slot(ids[i]);
            // Moves when its home is not cyclically within (hole, i].
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                ids[hole] = ids[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        ids[hole] = 0;
        values[hole] = null;
        size--;
        changes++;
    }

    private void resize(int capacity) {
        int[] oldIds = ids;
        Object[] oldValues = values;
        ids = new int[capacity];
        values = new Object[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                int slot = free(oldIds[i]);
                ids[slot] = oldIds[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** Fibonacci hashing: ids a client picks (odd, spaced as it likes) still spread over the slots. */
    private int slot(int id) {
        return (id * 0x9E3779B9) >>> shift;
    }
}
