package dev.house.core.testing;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Worker pools for tests that need a pool's behaviour rather than its threads. */
public final class TestExecutors {
    private TestExecutors() {
    }

    /** Runs each task at once on the calling thread (a test's "loop" then runs the handlers too). */
    public static ExecutorService callerRuns() {
        return new Fixed(Runnable::run);
    }

    /** Always full, as a bounded pool under overload: every task is rejected. */
    public static ExecutorService rejecting() {
        return new Fixed(task -> {
            throw new RejectedExecutionException("full");
        });
    }

    private static final class Fixed extends AbstractExecutorService {
        private final Consumer<Runnable> execute;
        private volatile boolean shutdown;

        Fixed(Consumer<Runnable> execute) {
            this.execute = execute;
        }

        @Override
        public void execute(Runnable command) {
            execute.accept(command);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
