package dev.house.core.http2;

/**
 * The HPACK dynamic table (RFC 7541 §2.3.2, §4): newest entry first, sized by the octets of its
 * entries plus 32 each, evicting the oldest entries to stay within its maximum size. A ring of
 * entries, so adding and evicting allocate nothing once it has grown.
 */
final class DynamicTable {
    private HeaderField[] ring = new HeaderField[16];
    /** Slot of the newest entry. */
    private int head;
    private int length;
    private int size;
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    int length() {
        return length;
    }

    /** The table's current size in RFC 7541 terms (octets plus 32 per entry). */
    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Entry {@code index}, 1 being the newest (dynamic index = HPACK index - 61). */
    HeaderField get(int index) {
        if (index < 1 || index > length) {
            throw new IndexOutOfBoundsException(index);
        }
        return ring[(head + index - 1) & (ring.length - 1)];
    }

    /**
     * RFC 7541 §4.4: adds at the front after evicting what must go; an entry larger than the whole
     * table empties it and is not added.
     */
    void add(HeaderField field) {
        int fieldSize = field.size();
        if (fieldSize > maxSize) {
            clear();
            return;
        }
        while (size + fieldSize > maxSize) {
            evictOldest();
        }
        if (length == ring.length) {
            HeaderField[] bigger = new HeaderField[ring.length * 2];
            for (int i = 0; i < length; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        head = (head - 1) & (ring.length - 1);
        ring[head] = field;
        length++;
        size += fieldSize;
    }

    /** RFC 7541 §4.3: a new maximum size, evicting until the table fits. */
    void setMaxSize(int maxSize) {
        this.maxSize = maxSize;
        while (size > maxSize) {
            evictOldest();
        }
    }

    /** The dynamic index (1-based) of an entry with this name and value, or 0. */
    int exactIndex(String name, String value) {
        for (int i = 1; i <= length; i++) {
            HeaderField f = get(i);
            if (f.name().equals(name) && f.value().equals(value)) {
                return i;
            }
        }
        return 0;
    }

    /** The dynamic index (1-based) of the newest entry with this name, or 0. */
    int nameIndex(String name) {
        for (int i = 1; i <= length; i++) {
            if (get(i).name().equals(name)) {
                return i;
            }
        }
        return 0;
    }

    private void evictOldest() {
        int slot = (head + length - 1) & (ring.length - 1);
        size -= ring[slot].size();
        ring[slot] = null;
        length--;
    }

    private void clear() {
        while (length > 0) {
            evictOldest();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= length; i++) {
            sb.append('[').append(i).append("] (s = ").append(get(i).size()).append(") ").append(get(i)).append('\n');
        }
        return sb.append("Table size: ").append(size).toString();
    }
}
