package dev.house.core.io;

import java.util.function.Consumer;

/**
 * The connections one event loop owns, as an intrusive doubly linked list: adding and removing
 * allocate nothing, and the loop can sweep them for timeouts and shutdown. Loop-confined.
 */
final class ConnectionList {
    private Connection head;
    private int size;

    void add(Connection c) {
        c.next = head;
        c.prev = null;
        if (head != null) {
            head.prev = c;
        }
        head = c;
        size++;
    }

    void remove(Connection c) {
        if (c.prev != null) {
            c.prev.next = c.next;
        } else if (head == c) {
            head = c.next;
        } else {
            return; // not in the list
        }
        if (c.next != null) {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        size--;
    }

    int size() {
        return size;
    }

    /** Visits every connection; the visitor may close (and so remove) the one it is given. */
    void forEach(Consumer<Connection> visitor) {
        Connection c = head;
        while (c != null) {
            Connection next = c.next;
            visitor.accept(c);
            c = next;
        }
    }
}
