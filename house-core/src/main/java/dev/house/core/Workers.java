package dev.house.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor for handlers that may block: a virtual thread per task when the running
 * JVM has them (Java 21+, found by reflection so the code still compiles for 17), otherwise a
 * bounded pool whose full queue makes the server answer 503 instead of growing without limit.
 */
public final class Workers {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    static final int POOL_THREADS = 200;
    static final int POOL_QUEUE = 10_000;

    private Workers() {
    }

    /** Whether this JVM offers virtual threads. */
    public static boolean virtualThreadsAvailable() {
        return VIRTUAL_FACTORY != null;
    }

    /** Virtual threads when available, else the bounded pool. */
    public static ExecutorService createDefault() {
        ExecutorService virtual = virtualThreadExecutor();
        if (virtual != null) {
            log.debug("handlers run on virtual threads");
            return virtual;
        }
        log.debug("handlers run on a pool of {} threads", POOL_THREADS);
        return boundedPool(POOL_THREADS, POOL_QUEUE);
    }

    /** A pool of at most {@code threads} threads and {@code queue} waiting tasks. */
    public static ExecutorService boundedPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "house-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static final MethodHandle VIRTUAL_FACTORY = findVirtualFactory();

    private static MethodHandle findVirtualFactory() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ExecutorService virtualThreadExecutor() {
        if (VIRTUAL_FACTORY == null) {
            return null;
        }
        try {
            return (ExecutorService) VIRTUAL_FACTORY.invoke();
        } catch (Throwable e) {
            log.debug("virtual threads unavailable", e);
            return null;
        }
    }
}
