package dev.house.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Counts the write-type system calls ({@code write}, {@code writev}, {@code sendmsg}...) one
 * thread has made, from Linux's {@code /proc/self/task/TID/io} ({@code syscw}): what an event
 * loop really asked of the kernel, which no client-side observation can tell (TCP merges and
 * splits segments). Linux only; {@link #available()} says whether this machine has it.
 */
public final class ThreadWrites {
    private final Path io;

    private ThreadWrites(Path io) {
        this.io = io;
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/thread-self/io"));
    }

    /** The counter of the calling thread; call it on the thread to watch (e.g. in a loop task). */
    public static ThreadWrites ofCurrentThread() {
        try {
            // "/proc/thread-self" links to "PID/task/TID": the stable path of this thread's counters.
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return new ThreadWrites(Path.of("/proc").resolve(self).resolve("io"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Write syscalls the thread has made so far. */
    public long count() {
        try {
            for (String line : Files.readAllLines(io)) {
                if (line.startsWith("syscw:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no syscw in " + io);
    }

    /**
     * Holds {@code loop}'s thread in a task until {@link Held#release()}, so that what the test
     * hands the loop meanwhile is all taken in one pass; counts the thread's writes from then on.
     */
    public static Held hold(Executor loop) throws InterruptedException {
        Held held = new Held();
        loop.execute(held::run);
        if (!held.holding.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the loop did not run the holding task within 10 s");
        }
        return held;
    }

    /** A loop thread held by {@link #hold}. */
    public static final class Held {
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile ThreadWrites writes;
        private volatile long before;

        private void run() {
            writes = ofCurrentThread();
            before = writes.count();
            holding.countDown();
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public void release() {
            released.countDown();
        }

        /** Write syscalls the held thread made since it was held. */
        public long writesSinceHeld() {
            return writes.count() - before;
        }
    }
}
