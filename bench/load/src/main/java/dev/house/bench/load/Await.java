package dev.house.bench.load;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Polls a condition with a deadline, or until a counter stops moving. */
final class Await {
    private Await() {
    }

    /** Waits until {@code done} or {@code timeoutMillis}; returns whether it is done. */
    static boolean until(BooleanSupplier done, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20); // polling a counter owned by another thread; nothing to wait on
        }
        return true;
    }

    /**
     * Waits until {@code done}, or until {@code progress} has not changed for {@code stallMillis},
     * or {@code timeoutMillis}; returns whether it is done.
     */
    static boolean untilStalled(BooleanSupplier done, LongSupplier progress, long stallMillis, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long last = progress.getAsLong();
        long lastChange = System.nanoTime();
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            long p = progress.getAsLong();
            if (p != last) {
                last = p;
                lastChange = now;
            }
            if (now > deadline || now - lastChange > stallMillis * 1_000_000) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
