package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.house.core.testing.ThreadWrites;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Events that pile up for a loop (here: published while the loop is held busy) reach each
 * subscriber's socket in one write, counted from the kernel's side: the loop thread's write
 * system calls.
 */
class SseWriteCoalescingTest {
    private static final int SUBSCRIBERS = 200;
    private static final int EVENTS = 50;

    @Test
    void fiftyEventsQueuedForALoopReachEachSubscriberInOneWrite() throws Exception {
        assumeTrue(ThreadWrites.available(), "needs Linux's per-thread /proc io counters");
        try (OneLoopChannel burst = OneLoopChannel.start("burst", SUBSCRIBERS)) {
            SseClientPool pool = burst.pool;
            pool.pumpUntil(() -> false, Duration.ofMillis(300)); // the response heads, read and gone

            // Hold the loop so that every event is queued before it delivers any.
            ThreadWrites.Held held = ThreadWrites.hold(burst.loop);
            for (int i = 0; i < EVENTS; i++) {
                burst.sse.publish("burst", SseEvent.data("event " + i + " " + "x".repeat(60)));
            }
            held.release();

            assertThat(pool.pumpUntil(() -> pool.clients().stream().allMatch(c -> c.dataCount == EVENTS),
                    Duration.ofSeconds(30))).as("every subscriber got every event").isTrue();
            long syscalls = held.writesSinceHeld();

            System.out.printf("write coalescing: %d subscribers x %d events queued: %d write syscalls (%.3f per delivery)%n",
                    SUBSCRIBERS, EVENTS, syscalls, (double) syscalls / (SUBSCRIBERS * EVENTS));
            for (SseClientPool.Client c : pool.clients()) {
                assertThat(c.dataEvents().get(0).data()).startsWith("event 0 ");
                assertThat(c.dataEvents().get(EVENTS - 1).data()).startsWith("event " + (EVENTS - 1) + " ");
            }
            // One write per subscriber; each event written on its own would be 50 per subscriber.
            assertThat(syscalls).as("write syscalls of the loop").isLessThanOrEqualTo(SUBSCRIBERS + SUBSCRIBERS / 10);
        }
    }
}
