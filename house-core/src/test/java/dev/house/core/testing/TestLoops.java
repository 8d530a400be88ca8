package dev.house.core.testing;

import dev.house.core.http.StreamExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/** Event loops without sockets, on the test's thread, for tests of the fan-out alone. */
public final class TestLoops {
    private TestLoops() {
    }

    /**
     * A loop that runs each task at once, as a loop idle on another core would start on it; the
     * fan-out's budget timer runs at once too. Counts the tasks it was given.
     */
    public static final class Inline implements StreamExecutor {
        /** How many tasks {@link #execute} was given. */
        public int executed;

        @Override
        public void execute(Runnable task) {
            executed++;
            task.run();
        }

        @Override
        public void executeOrRun(Runnable task) {
            task.run();
        }

        @Override
        public boolean inEventLoop() {
            return true;
        }

        @Override
        public long now() {
            return System.nanoTime();
        }

        @Override
        public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
            task.run();
            return () -> { };
        }
    }

    /** A loop that holds its tasks and timers until {@link #runAll}, one task per pass. */
    public static final class Held implements StreamExecutor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        /** Runs the tasks until none is left, {@code betweenPasses} after each; returns how many ran. */
        public int runAll(Runnable betweenPasses) {
            int passes = 0;
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
                passes++;
                betweenPasses.run();
            }
            return passes;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public void executeOrRun(Runnable task) {
            tasks.add(task);
        }

        @Override
        public boolean inEventLoop() {
            return true;
        }

        @Override
        public long now() {
            return System.nanoTime();
        }

        @Override
        public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
            tasks.add(task);
            return () -> { };
        }
    }
}
