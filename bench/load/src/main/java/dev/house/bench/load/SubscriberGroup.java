package dev.house.bench.load;

/**
 * A set of SSE subscribers opened together and counted together, e.g. the readers and the
 * never-reading clients of the slow-consumer scenario. Written only by the pool's one thread,
 * read by the scenario's thread, hence volatile fields with a single writer.
 */
final class SubscriberGroup {
    final String name;
    final int size;
    final boolean reading;
    final int receiveBuffer;

    volatile int ready;
    volatile int failed;
    /** Ready subscribers whose connection ended (closed by the server or reset). */
    volatile int ended;
    volatile long events;
    volatile long bytes;
    volatile String firstFailure;

    /**
     * @param reading       whether the subscribers read continuously; if not they stop reading
     *                      once subscribed (the response head arrived) until {@code resumeReading}
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the kernel's default
     */
    SubscriberGroup(String name, int size, boolean reading, int receiveBuffer) {
        this.name = name;
        this.size = size;
        this.reading = reading;
        this.receiveBuffer = receiveBuffer;
    }

    /** Subscribers ready and still connected. */
    int live() {
        return ready - ended;
    }

    void fail(String why) {
        if (firstFailure == null) {
            firstFailure = why;
        }
        failed++;
    }
}
