package dev.house.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: for effects that happen on other threads. */
public final class Await {
    private static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        until(condition, what, DEFAULT);
    }

    public static void until(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
