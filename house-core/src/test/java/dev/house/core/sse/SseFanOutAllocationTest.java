package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fan-out allocates nothing per subscriber per event: the event loop's own allocation (the
 * JVM counts it per thread) over many deliveries stays at a few bytes per delivery, the cost of
 * a loop pass spread over the subscribers it served, where a buffer or a wrapper per delivery
 * would cost 40 bytes or more each.
 */
class SseFanOutAllocationTest {
    private static final int SUBSCRIBERS = 1000;
    private static final int EVENTS = 40;

    @Test
    void deliveringToAThousandSubscribersAllocatesAlmostNothingPerDelivery() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs the JDK's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        try (OneLoopChannel room = OneLoopChannel.start("room", SUBSCRIBERS)) {
            CompletableFuture<Long> loopThread = new CompletableFuture<>();
            room.loop.execute(() -> loopThread.complete(Thread.currentThread().getId()));
            long tid = loopThread.get(10, TimeUnit.SECONDS);

            // Warm-up: the first events build the snapshot and compile the path.
            publishAndDrain(room, 0, 20);
            long before = threads.getThreadAllocatedBytes(tid);
            publishAndDrain(room, 20, 20 + EVENTS);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;

            long deliveries = (long) SUBSCRIBERS * EVENTS;
            System.out.printf("fan-out allocation: %d bytes on the loop for %d deliveries (%.2f per delivery)%n",
                    allocated, deliveries, (double) allocated / deliveries);
            assertThat((double) allocated / deliveries).as("bytes the loop allocated per delivery").isLessThan(8.0);
        }
    }

    private static void publishAndDrain(OneLoopChannel room, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            room.sse.publish("room", SseEvent.data("message " + i));
            int expected = i + 1;
            assertThat(room.pool.pumpUntil(() -> room.pool.clients().stream().allMatch(c -> c.dataCount == expected),
                    Duration.ofSeconds(30))).isTrue();
        }
    }
}
