package dev.house.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while running some work, for tests that pin "allocates
 * nothing per call" on hot paths. Compare totals over many calls against {@link #NOISE_BYTES},
 * never a per-call quotient that rounds a few bytes per call down to nothing.
 */
public final class Allocations {

    /**
     * Bytes the measurement itself may show (the JIT swapping in compiled code mid-run); one
     * allocation per call, even 16 bytes, over 20,000 calls totals 320 KB and fails.
     */
    public static final long NOISE_BYTES = 4 * 1024;

    private Allocations() {
    }

    /** Skips the calling test on a JVM that cannot count a thread's allocations. */
    public static void assumeMeasurable() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                        && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot measure per-thread allocation (com.sun.management.ThreadMXBean with allocated"
                        + " memory enabled); allocation not checked");
    }

    /** Bytes allocated by this thread while {@code work} ran. */
    public static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
