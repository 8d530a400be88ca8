package dev.house.core.io;

import dev.house.core.http.StreamExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread that owns a set of connections: every read, write and state change of those
 * connections happens here, so they need no locks. Other threads hand it work with
 * {@link #execute}, which queues the task and wakes the selector. It also runs timers (one
 * priority queue per loop, no thread per timer), lends its connections reusable buffers, and
 * keeps per-loop state for protocols ({@link #local}); it knows no protocol itself.
 */
public final class EventLoop implements StreamExecutor {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
    static final int IO_BUFFER_SIZE = 64 * 1024;

    private final String name;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(IO_BUFFER_SIZE);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(IO_BUFFER_SIZE);
    private final ByteBuffer stagingBuffer = ByteBuffer.allocateDirect(IO_BUFFER_SIZE);
    /** Scratch array for gathering writes, shared by the loop's connections (loop-confined). */
    final ByteBuffer[] gather = new ByteBuffer[OutboundQueue.MAX_GATHER];
    /** Shared payloads queued this pass and the connections to write at its end (loop-confined). */
    final SharedWrites shared = new SharedWrites();
    private final Thread thread;
    /** The connections this loop owns (loop-confined). */
    final ConnectionList connections = new ConnectionList();
    /** Values of {@link Local}s, indexed by their id (loop-confined). */
    private Object[] locals = new Object[4];
    private volatile boolean running = true;
    private long timerSequence;
    private long now = System.nanoTime();

    EventLoop(String name) {
        this(name, null);
    }

    /**
     * A loop whose thread is {@code owner} (when not null) instead of one of its own: for driving
     * connections by hand, as tests of a protocol do with {@link #runTasks()}; never started.
     */
    EventLoop(String name, Thread owner) {
        this.name = name;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = owner != null ? owner : new LoopThread(this, name);
        if (owner == null) {
            this.thread.setDaemon(false);
        }
    }

    void start() {
        thread.start();
    }

    /** A loop's own thread: {@link StreamExecutor#current()} finds the loop through it. */
    private static final class LoopThread extends Thread implements StreamExecutor.OwnerThread {
        private final EventLoop loop;

        LoopThread(EventLoop loop, String name) {
            super(loop::run, name);
            this.loop = loop;
        }

        @Override
        public StreamExecutor owned() {
            return loop;
        }
    }

    /**
     * The loop whose thread is calling, or {@code null} on any other thread: lets code that may
     * block (a remote broker, say) refuse to run on a loop without holding a reference to it.
     */
    public static EventLoop current() {
        return CURRENT.get();
    }

    /**
     * The loop behind a stream's {@link StreamExecutor}: code of the server (SSE fan-out, brokers)
     * groups streams by loop and schedules timers there.
     *
     * @throws IllegalArgumentException if the executor is not a house event loop
     */
    public static EventLoop of(StreamExecutor executor) {
        if (executor instanceof EventLoop loop) {
            return loop;
        }
        throw new IllegalArgumentException("not served by a house event loop: " + executor);
    }

    /** Whether the calling thread is this loop's thread. */
    @Override
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop: at once when called from it, else queued. */
    @Override
    public void executeOrRun(Runnable task) {
        if (inEventLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Queues {@code task} to run on this loop, from any thread; never blocks. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inEventLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Runs {@code task} once on this loop after {@code delay}. */
    public Scheduled schedule(Runnable task, long delay, TimeUnit unit) {
        Timer timer = new Timer(task, unit.toNanos(delay), 0);
        executeOrRun(() -> addTimer(timer));
        return timer;
    }

    /** Runs {@code task} on this loop every {@code period}, first after one period. */
    public Scheduled scheduleRepeating(Runnable task, long period, TimeUnit unit) {
        long nanos = unit.toNanos(period);
        if (nanos <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        Timer timer = new Timer(task, nanos, nanos);
        executeOrRun(() -> addTimer(timer));
        return timer;
    }

    /** The loop's clock ({@link System#nanoTime()} read once per turn), for cheap timestamps. */
    @Override
    public long now() {
        return now;
    }

    public String name() {
        return name;
    }

    Selector selector() {
        return selector;
    }

    /** A direct buffer for socket reads, valid only until the current callback returns. */
    ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    private final ByteBuffer[] tlsBuffers = new ByteBuffer[2];

    /**
     * One of two buffers for TLS records (0: in, 1: out), cleared, of at least {@code capacity}
     * bytes; allocated on first use so plain servers never pay for them.
     */
    ByteBuffer tlsBuffer(int which, int capacity) {
        ByteBuffer b = tlsBuffers[which];
        if (b == null || b.capacity() < capacity) {
            b = ByteBuffer.allocateDirect(Math.max(capacity, 17 * 1024));
            tlsBuffers[which] = b;
        }
        return b.clear();
    }

    /**
     * The buffer where one connection gathers the replies of a batch of pipelined requests, so
     * they leave in one write. Not cleared here: the connection that staged bytes owns it until
     * it flushes, which it does before its callback returns.
     */
    ByteBuffer stagingBuffer() {
        return stagingBuffer;
    }

    /** A direct buffer for socket writes, valid only until the current callback returns. */
    ByteBuffer writeBuffer() {
        return writeBuffer.clear();
    }

    /**
     * This loop's value of {@code local}, made on first use: per-loop scratch state of a protocol
     * (an encoder, a date cache) that its connections share without locks. On the loop only.
     */
    @SuppressWarnings("unchecked")
    public <T> T local(Local<T> local) {
        if (local.index >= locals.length) {
            locals = Arrays.copyOf(locals, Math.max(locals.length * 2, local.index + 1));
        }
        Object value = locals[local.index];
        if (value == null) {
            value = local.initial.get();
            locals[local.index] = value;
        }
        return (T) value;
    }

    /** A key for per-loop state, see {@link #local}; create one per use, as a constant. */
    public static final class Local<T> {
        private static final AtomicInteger IDS = new AtomicInteger();
        final int index = IDS.getAndIncrement();
        final Supplier<T> initial;

        public Local(Supplier<T> initial) {
            this.initial = Objects.requireNonNull(initial, "initial");
        }
    }

    private void addTimer(Timer timer) {
        if (!timer.cancelled) {
            timer.deadline = now + timer.delay;
            timer.sequence = timerSequence++;
            timers.add(timer);
        }
    }

    private void run() {
        CURRENT.set(this);
        try {
            while (running) {
                long timeoutMillis = selectTimeoutMillis();
                if (timeoutMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(timeoutMillis);
                }
                wakeupPending.set(false);
                now = System.nanoTime();
                processSelectedKeys();
                runTasks();
                runTimers();
                flushDirty();
            }
        } catch (IOException | ClosedSelectorException e) {
            log.error("event loop {} failed; its connections are lost", name, e);
        } finally {
            closeSelector();
            terminated.countDown();
        }
    }

    private long selectTimeoutMillis() {
        if (!tasks.isEmpty()) {
            return 0;
        }
        Timer next = timers.peek();
        if (next == null) {
            return 1000;
        }
        long waitNanos = next.deadline - System.nanoTime();
        return waitNanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
    }

    private void processSelectedKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Selectable target = (Selectable) key.attachment();
            try {
                if (!key.isValid()) {
                    target.onInvalid();
                    continue;
                }
                target.onReady(key.readyOps());
            } catch (RuntimeException | Error e) {
                log.error("unexpected failure on {}; closing it", target, e);
                target.onInvalid();
            }
        }
    }

    /**
     * Writes every connection that queued shared payloads this pass (or whose protocol asked to
     * write at its end), once each: the end of a pass, so what was sent together leaves
     * together; on the loop.
     */
    void flushDirty() {
        if (shared.hasDirty()) {
            shared.flushDirty();
        }
    }

    /** Whether no task is queued. */
    boolean tasksIdle() {
        return tasks.isEmpty();
    }

    /** Runs queued tasks (at most a bounded batch); on the loop. */
    void runTasks() {
        // Bounded so a flood of tasks cannot starve the sockets.
        for (int i = 0; i < 4096; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            runSafely(task);
        }
    }

    private void runTimers() {
        Timer timer;
        while ((timer = timers.peek()) != null && timer.deadline - now <= 0) {
            timers.poll();
            if (timer.cancelled) {
                continue;
            }
            runSafely(timer.task);
            if (timer.period > 0 && !timer.cancelled) {
                timer.deadline += timer.period;
                if (timer.deadline - now <= 0) {
                    timer.deadline = now + timer.period;
                }
                timers.add(timer);
            }
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("task failed on event loop {}", name, e);
        }
    }

    /** Stops the loop after its current turn; tasks still queued are run first. */
    void shutdown() {
        execute(() -> {
            runTasks();
            flushDirty();
            running = false;
        });
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** Whether the loop's thread is running and has not been asked to stop. */
    public boolean isAlive() {
        return thread.isAlive() && running;
    }

    private void closeSelector() {
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing selector of {}", name, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** A one-shot or repeating task ordered by deadline; ties keep submission order. */
    private static final class Timer implements Scheduled, Comparable<Timer> {
        final Runnable task;
        final long delay;
        final long period;
        long deadline;
        long sequence;
        volatile boolean cancelled;

        Timer(Runnable task, long delay, long period) {
            this.task = task;
            this.delay = Math.max(0, delay);
            this.period = period;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            long d = deadline - o.deadline;
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
            return Long.compare(sequence, o.sequence);
        }
    }
}
