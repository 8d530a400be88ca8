package dev.house.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Asserts that an operation's cost grows linearly with its input: the best-of-several CPU time for a
 * {@value #LARGE}-character input may be at most {@value #SLACK} times the linear extrapolation
 * from a {@value #SMALL}-character one. Linear code lands near 1-4 times (cache effects, GC); a
 * quadratic loop lands near the size ratio, 100 times, so the slack absorbs a loaded machine
 * without letting quadratic code through. The calling thread's CPU time, not wall time, so other
 * processes taking the cores cannot inflate the long runs more than the short ones; minimums,
 * not means, since noise only ever adds time.
 */
public final class LinearCost {
    public static final int SMALL = 10_000;
    public static final int LARGE = 1_000_000;
    private static final double SLACK = 12;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LinearCost() {
    }

    /**
     * @param input builds an input of about the given size (outside the timing)
     * @param operation the work measured; exceptions fail the test
     */
    public static <T> void assertLinear(String what, IntFunction<T> input, Consumer<T> operation) {
        T small = input.apply(SMALL);
        T large = input.apply(LARGE);
        // Warm-up, so the small runs are compiled code rather than the interpreter.
        long warmUntil = System.nanoTime() + 200_000_000L;
        int warm = 0;
        while (warm < 50 || (warm < 2_000 && System.nanoTime() < warmUntil)) {
            operation.accept(small);
            warm++;
        }
        operation.accept(large);
        long bestSmall = best(small, operation, 20);
        long bestLarge = best(large, operation, 3);
        double perCharSmall = (double) bestSmall / SMALL;
        double perCharLarge = (double) bestLarge / LARGE;
        double ratio = perCharLarge / perCharSmall;
        assertThat(ratio)
                .as("%s: cost per character at %d chars (%d ns) vs at %d chars (%d ns) must stay within %sx",
                        what, LARGE, bestLarge, SMALL, bestSmall, SLACK)
                .isLessThan(SLACK);
    }

    private static <T> long best(T input, Consumer<T> operation, int runs) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            operation.accept(input);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return Math.max(best, 1);
    }

    /** {@code unit} repeated to about {@code size} characters. */
    public static String repeat(String unit, int size) {
        return unit.repeat(Math.max(1, size / unit.length()));
    }
}
