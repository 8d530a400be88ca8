package dev.house.core.http;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The thread that owns a {@link ResponseStream}: tasks run here may call the stream, and read
 * connection state, without locks. It is what a handler needs of the event loop, without naming
 * the loop's class, so the API does not depend on the I/O layer (and a test or another protocol
 * can supply its own).
 */
public interface StreamExecutor extends Executor {

    /** Queues {@code task} to run on the owning thread, from any thread; never blocks. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} at once when called on the owning thread, else queues it. */
    void executeOrRun(Runnable task);

    /** Whether the calling thread is the owning thread. */
    boolean inEventLoop();

    /** A cheap monotonic clock ({@link System#nanoTime()} units), read once per loop turn. */
    long now();

    /**
     * Runs {@code task} on the owning thread after {@code delay} (a stream that must end at a
     * deadline, such as a token's expiry); a timer of the loop, never a thread per timer.
     */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /**
     * The executor whose own thread is calling, or {@code null} on any other thread: lets code
     * that may block (a remote broker, say) refuse to run on an event loop without naming the
     * loop's class.
     */
    static StreamExecutor current() {
        return Thread.currentThread() instanceof OwnerThread t ? t.owned() : null;
    }

    /**
     * Implemented by the thread behind an executor (the server's event-loop threads) so that
     * {@link #current()} finds it without a thread-local lookup.
     */
    interface OwnerThread {
        /** The executor this thread runs. */
        StreamExecutor owned();
    }

    /** A task waiting on {@link #schedule}; cancelling it is safe from any thread. */
    interface Cancellable {
        void cancel();
    }
}
