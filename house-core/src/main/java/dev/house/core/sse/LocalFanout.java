package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.Fanout;
import dev.house.core.sse.spi.Subscriber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Fanout}: delivers events to this node's subscribers: each event loop keeps its own
 * subscribers per channel, touched only by that loop, and a FIFO of events to deliver there. A
 * broker decides which loops to {@link #dispatch} to.
 *
 * <p>Fairness: a loop writes at most {@link #WRITES_PER_PASS} subscriber deliveries, and for at
 * most {@link #NANOS_PER_PASS}, per pass and continues in its next pass, after the sockets that
 * became ready meanwhile were served. So a
 * request arriving on a loop busy fanning out to thousands of subscribers is read and answered
 * within a bounded time, instead of after the whole backlog. Events stay in order: one queue per
 * loop, drained front to back, and a partly delivered event is finished before the next starts.
 *
 * <p>Coalescing: events queued back to back for the same channel (a burst, or a loop that fell
 * behind) form a run that is delivered subscriber by subscriber: a subscriber gets the whole run
 * at once, and its connection writes it in one write at the end of the pass. So the budget counts
 * subscribers (writes), and a burst of 50 events costs each subscriber one write, not 50.
 */
final class LocalFanout implements Fanout {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalFanout.class);
    /** Subscribers served per loop pass, each with its whole run in one write: well under a millisecond of socket writes. */
    static final int WRITES_PER_PASS = 256;
    /** Time per loop pass for deliveries: bounds a pass when writes are slow (a busy machine). */
    static final long NANOS_PER_PASS = 500_000;
    /** Writes between two looks at the clock. */
    private static final int CLOCK_EVERY = 16;
    /** Events of one channel delivered together, subscriber by subscriber (see the class comment). */
    static final int MAX_RUN = 64;
    /** Payload bytes of a run: what one write of a subscriber's connection takes, framing aside. */
    static final int RUN_BYTES = 48 * 1024;

    private final Map<StreamExecutor, LoopDeliveries> byLoop = new ConcurrentHashMap<>();

    @Override
    public void add(Subscriber subscriber) {
        Map<String, LoopSet<Subscriber>> channels = loop(subscriber.executor()).channels;
        for (String channel : subscriber.channels()) {
            channels.computeIfAbsent(channel, c -> new LoopSet<>(Subscriber[]::new)).add(subscriber);
        }
    }

    @Override
    public void remove(Subscriber subscriber) {
        LoopDeliveries deliveries = byLoop.get(subscriber.executor());
        if (deliveries == null) {
            return;
        }
        for (String channel : subscriber.channels()) {
            LoopSet<Subscriber> set = deliveries.channels.get(channel);
            if (set != null && set.remove(subscriber) && set.isEmpty()) {
                deliveries.channels.remove(channel); // channels named by clients must not pile up
            }
        }
    }

    @Override
    public void dispatch(StreamExecutor loop, String channel, EventId id, StreamChunk chunk,
                         DeliveryCounters counters) {
        loop(loop).enqueue(new Delivery(channel, id, chunk, counters, null));
    }

    @Override
    public void dispatchAll(StreamExecutor loop, List<Event> events) {
        LoopDeliveries deliveries = loop(loop);
        for (Event e : events) {
            deliveries.pending.add(new Delivery(e.channel(), e.id(), e.chunk(), e.counters(), null));
        }
        deliveries.wake();
    }

    @Override
    public void execute(StreamExecutor loop, Runnable task) {
        loop(loop).enqueue(new Delivery(null, null, null, null, task));
    }

    private LoopDeliveries loop(StreamExecutor loop) {
        return byLoop.computeIfAbsent(loop, LoopDeliveries::new);
    }

    /** An event for a channel's subscribers, or (with {@code task}) a task run at its place in the queue. */
    private record Delivery(String channel, EventId id, StreamChunk chunk, DeliveryCounters counters, Runnable task) {
    }

    /** One loop's subscribers and pending events; everything but the queue is loop-confined. */
    private static final class LoopDeliveries implements Runnable {
        final StreamExecutor loop;
        final Map<String, LoopSet<Subscriber>> channels = new HashMap<>();
        private final Queue<Delivery> pending = new ConcurrentLinkedQueue<>();
        /** Whether a drain is queued or running: at most one per loop. */
        private final AtomicBoolean draining = new AtomicBoolean();
        /** The run being delivered: consecutive events of one channel, {@code runLength} of them. */
        private final Delivery[] run = new Delivery[MAX_RUN];
        private int runLength;
        private Subscriber[] targets;
        private int next;
        /** Per event of the run: subscribers it was written to, and cut off, not yet counted. */
        private final int[] sent = new int[MAX_RUN];
        private final int[] cut = new int[MAX_RUN];

        LoopDeliveries(StreamExecutor loop) {
            this.loop = loop;
        }

        void enqueue(Delivery delivery) {
            pending.add(delivery);
            wake();
        }

        /** Has the loop drain the queue unless a drain is already queued or running. */
        void wake() {
            if (draining.compareAndSet(false, true)) {
                loop.execute(this);
            }
        }

        /**
         * Delivers up to the budget, then yields to the loop's I/O until its next pass. A run of
         * events goes subscriber by subscriber, so each subscriber gets all of them in one pass
         * and its connection writes them together at the pass's end.
         */
        @Override
        public void run() {
            int budget = WRITES_PER_PASS;
            long deadline = System.nanoTime() + NANOS_PER_PASS;
            while (true) {
                if (runLength == 0 && !startNext()) {
                    return;
                }
                Subscriber[] targets = this.targets;
                Delivery[] run = this.run;
                int runLength = this.runLength;
                int next = this.next;
                while (next < targets.length) {
                    if (budget == 0 || (budget % CLOCK_EVERY == 0 && System.nanoTime() - deadline > 0)) {
                        this.next = next;
                        count(runLength);
                        // A timer, not a task: tasks queued now would still run in this pass.
                        loop.schedule(this, 1, TimeUnit.NANOSECONDS);
                        return;
                    }
                    budget--;
                    Subscriber target = targets[next++];
                    for (int i = 0; i < runLength; i++) {
                        Delivery d = run[i];
                        Subscriber.Outcome outcome = target.deliver(d.id(), d.chunk());
                        if (outcome == Subscriber.Outcome.SENT) {
                            sent[i]++;
                        } else if (outcome == Subscriber.Outcome.CUT_OFF) {
                            cut[i]++;
                        }
                    }
                }
                count(runLength);
                java.util.Arrays.fill(run, 0, runLength, null);
                this.runLength = 0;
                this.targets = null;
            }
        }

        /**
         * Adds the outcomes tallied since the last call to the events' counters: once per counters
         * object and pass, not once per subscriber and event. Called before the loop task returns,
         * so the counts are complete before the loop writes what they count.
         */
        private void count(int runLength) {
            for (int i = 0; i < runLength; i++) {
                long s = sent[i];
                long c = cut[i];
                if (s == 0 && c == 0) {
                    continue;
                }
                DeliveryCounters counters = run[i].counters();
                sent[i] = 0;
                cut[i] = 0;
                // The events of a run share their channel's counters, but a channel dropped
                // and made again mid-run has new ones: sum the neighbours that share them.
                while (i + 1 < runLength && run[i + 1].counters() == counters) {
                    i++;
                    s += sent[i];
                    c += cut[i];
                    sent[i] = 0;
                    cut[i] = 0;
                }
                counters.add(s, c);
            }
        }

        /**
         * Takes the next event and the ones queued right behind it for the same channel (up to
         * {@link #MAX_RUN} and {@link #RUN_BYTES}). The run has one subscriber snapshot: every
         * event in it was published before the run started, so a subscriber that joins later has
         * them in its replay (liveAfter), as with a snapshot per event.
         */
        private boolean startNext() {
            Delivery d = pending.poll();
            while (d != null && d.task() != null) {
                runTask(d.task());
                d = pending.poll();
            }
            if (d == null) {
                draining.set(false);
                // A dispatch between the poll and the reset saw a drain in progress: take it over.
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return false;
                }
                return startNext();
            }
            run[0] = d;
            runLength = 1;
            int bytes = d.chunk().length();
            Delivery more;
            while (runLength < MAX_RUN && (more = pending.peek()) != null
                    && d.channel().equals(more.channel()) // a task (no channel) ends the run
                    && bytes + more.chunk().length() <= RUN_BYTES) {
                pending.poll(); // only this thread polls: the peeked element is the one taken
                run[runLength++] = more;
                bytes += more.chunk().length();
            }
            LoopSet<Subscriber> set = channels.get(d.channel());
            // The snapshot stays valid while the set changes; subscribers that leave meanwhile
            // are skipped by their closed stream, ones that join are already past it (liveAfter).
            targets = set == null ? NONE : set.snapshot();
            next = 0;
            return true;
        }

        private static void runTask(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("fan-out task failed", e);
            }
        }

        private static final Subscriber[] NONE = new Subscriber[0];
    }
}
