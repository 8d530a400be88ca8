package dev.house.core.http;

/** Where a handler runs: on the connection's event loop, or handed to a worker executor. */
public enum Execution {
    /** On the event loop itself: only for code that never blocks and finishes in microseconds. */
    EVENT_LOOP,
    /** On the server's worker executor (virtual threads on Java 21+); the default for application code. */
    WORKER
}
