package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.house.core.http.StreamChunk;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.testing.TestLoops;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The fan-out hand-off behind the broker contract costs per event and loop, never per subscriber:
 * delivering 2,000 events to 2,000 subscribers of a loop allocates what delivering them to one
 * subscriber does, give or take noise.
 */
class FanoutAllocationTest {
    private static final int EVENTS = 2_000;
    /** Bytes the measurement itself may show (the JIT swapping code in mid-run). */
    private static final long NOISE_BYTES = 16 * 1024;

    @Test
    void deliveringToMoreSubscribersAllocatesNothingMorePerEvent() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemoryEnabled(), "this JVM cannot measure per-thread allocation");
        long one = allocatedDelivering(1);
        long many = allocatedDelivering(2_000);
        assertThat(many - one).as("extra bytes for 1,999 more subscribers over %d events", EVENTS)
                .isLessThan(NOISE_BYTES);
    }

    /** Bytes allocated to dispatch and deliver {@link #EVENTS} events to {@code subscribers} subscribers. */
    private static long allocatedDelivering(int subscribers) {
        TestLoops.Inline loop = new TestLoops.Inline();
        LocalFanout fanout = new LocalFanout();
        CountingSubscriber[] targets = new CountingSubscriber[subscribers];
        for (int i = 0; i < subscribers; i++) {
            targets[i] = new CountingSubscriber(loop);
            fanout.add(targets[i]);
        }
        DeliveryCounters counters = new DeliveryCounters(null);
        StreamChunk chunk = StreamChunk.of("data: x\n\n");
        EventId id = new EventId(1, 0);
        fanout.dispatch(loop, "room", id, chunk, counters); // warm: the loop's deliveries and snapshot
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < EVENTS; i++) {
            fanout.dispatch(loop, "room", id, chunk, counters);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(targets[subscribers - 1].delivered).isEqualTo(EVENTS + 1);
        return allocated;
    }
}
