package dev.house.spring.redis;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.Fanout;
import dev.house.core.sse.spi.SseEncoder;
import dev.house.core.sse.spi.Subscriber;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one thread talking to Redis for delivery. It follows the channels this node has
 * subscribers for with a single cursor: every event with an id up to the cursor on those channels
 * has been handed to the event loops. Since ids increase across all channels, one cursor for all
 * streams keeps events in id order across channels, and catching up after an outage is reading
 * on from it.
 *
 * <p>New subscribers are taken in at a sync point: one atomic Redis snapshot moves the cursor to
 * the newest id issued, delivering what the followed channels got in between, and gives each new
 * subscriber its replay (after its {@code Last-Event-ID}, up to the cursor) or the history-lost
 * verdict. Its loop gets one task (register, replay) before any event after the cursor, so replay
 * and live neither overlap nor leave a gap.
 */
final class StreamReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Object WAKE = new Object();

    private final NodeState node;
    private final RedisStreams streams;
    private final RedisBrokerSettings settings;
    private RedisLink link;
    private final Duration readBlock;
    private final Duration timeout;
    private final long ttlMillis;
    private final Backoff backoff;
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
    // Reader thread only:
    private final Set<Subscriber> joined = new HashSet<>();
    private final List<Subscriber> pendingJoins = new ArrayList<>();
    /** Events read but not yet handed to the loops, per loop, in id order. */
    private final Map<StreamExecutor, List<Fanout.Event>> batches = new HashMap<>();
    private EventId cursor;
    private String epoch;
    private boolean syncNeeded = true;
    private boolean afterOutage;
    private boolean attempted;
    private boolean recovering = true; // the first connect goes through recovery too
    private volatile boolean running = true;
    private volatile boolean lost;

    StreamReader(NodeState node, RedisStreams streams, SseConfig config, RedisBrokerSettings settings) {
        this.node = node;
        this.streams = streams;
        this.settings = settings;
        this.readBlock = settings.readBlock();
        this.timeout = settings.publishTimeout();
        this.ttlMillis = config.historyTtl().toMillis();
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
    }

    /** The connections to read with; set once, before the thread starts. */
    void use(RedisLink link) {
        this.link = link;
    }

    /** A subscriber to take in; any thread. */
    void join(Subscriber s) {
        changes.add(new Change(s, true));
        signals.offer(WAKE);
    }

    /** A subscriber gone; any thread. */
    void leave(Subscriber s) {
        changes.add(new Change(s, false));
        signals.offer(WAKE);
    }

    /** A connection dropped (called on a Lettuce thread): publishers fail fast from now on. */
    void connectionLost() {
        lost = true;
        node.markDown("connection to Redis lost");
        signals.offer(WAKE);
    }

    void stop() {
        running = false;
        signals.offer(WAKE);
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (recovering || lost) {
                    recover();
                    continue;
                }
                applyChanges();
                if (syncNeeded) {
                    sync();
                }
                if (node.channels.isEmpty()) {
                    signals.poll(readBlock.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    read();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                String reason = describe(e);
                log.warn("Redis broker lost Redis: {}; reconnecting with back-off", reason);
                node.markDown(reason);
                recovering = true;
            }
        }
    }

    /** Waits out the back-off (except before the very first attempt), reconnects, schedules a sync. */
    private void recover() throws InterruptedException {
        if (attempted) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.nextDelayMillis());
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                signals.poll(left, TimeUnit.NANOSECONDS); // joins and leaves wait in their queue
            }
            if (!running) {
                return;
            }
        }
        attempted = true;
        lost = false;
        try {
            link.reconnect(timeout);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            String reason = describe(e);
            log.debug("reconnecting to Redis failed: {}", reason);
            node.markDown(reason);
            recovering = true;
            return;
        }
        recovering = false;
        afterOutage = cursor != null;
        syncNeeded = true;
    }

    /** Leaves take effect at once; joins wait for the next sync point. */
    private void applyChanges() {
        Change c;
        while ((c = changes.poll()) != null) {
            if (c.join) {
                pendingJoins.add(c.subscriber);
                syncNeeded = true;
            } else if (!pendingJoins.remove(c.subscriber) && joined.remove(c.subscriber)) {
                for (String name : c.subscriber.channels()) {
                    NodeChannel ch = node.channels.get(name);
                    if (ch != null) {
                        ch.remove(c.subscriber.executor());
                        if (ch.isIdle()) {
                            node.channels.remove(name); // stop reading it
                        }
                    }
                }
            }
        }
    }

    /** Waits for events on the followed channels (or a wake-up) and delivers them in id order. */
    private void read() throws Exception {
        Map<String, NodeChannel> followed = node.channels;
        List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>(followed.size());
        for (String name : followed.keySet()) {
            offsets.add(XReadArgs.StreamOffset.from(streams.streamKey(name), cursor.toString()));
        }
        int batch = settings.readBatch();
        @SuppressWarnings("unchecked")
        RedisFuture<List<StreamMessage<String, String>>> reply = link.reader()
                .xread(XReadArgs.Builder.block(readBlock).count(batch), offsets.toArray(XReadArgs.StreamOffset[]::new));
        reply.whenComplete((r, e) -> signals.offer(WAKE));
        long deadline = System.nanoTime() + readBlock.toNanos() + timeout.toNanos();
        boolean woken = false;
        while (!reply.isDone()) {
            if (lost || !running) {
                reply.cancel(true);
                throw new IllegalStateException("connection to Redis lost");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                reply.cancel(true);
                throw new TimeoutException("Redis did not answer a read within " + (readBlock.plus(timeout)).toMillis() + " ms");
            }
            signals.poll(left, TimeUnit.NANOSECONDS);
            if (!woken && !changes.isEmpty()) {
                woken = true;
                link.wakeReader(); // a subscriber waits: end the blocking read now
            }
        }
        List<StreamMessage<String, String>> messages = reply.get();
        if (messages == null || messages.isEmpty()) {
            return;
        }
        deliverBatch(messages, batch);
        backoff.reset();
    }

    /**
     * Delivers a read's entries in id order. A stream that filled the batch may hold more: entries
     * after the smallest such stream's last one wait for the next read, so that no later read can
     * bring an id below one already delivered.
     */
    private void deliverBatch(List<StreamMessage<String, String>> messages, int batch) {
        Map<String, Integer> perStream = new HashMap<>();
        Map<String, EventId> lastOf = new HashMap<>();
        List<RedisStreams.Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> m : messages) {
            RedisStreams.Entry e = RedisStreams.entry(streams.channelOf(m.getStream()), m);
            entries.add(e);
            perStream.merge(m.getStream(), 1, Integer::sum);
            lastOf.merge(m.getStream(), e.id(), (a, b) -> a.isAfter(b) ? a : b);
        }
        EventId cutoff = null;
        for (Map.Entry<String, Integer> s : perStream.entrySet()) {
            if (s.getValue() >= batch) {
                EventId last = lastOf.get(s.getKey());
                cutoff = cutoff == null || cutoff.isAfter(last) ? last : cutoff;
            }
        }
        entries.sort(Comparator.comparing(RedisStreams.Entry::id));
        for (RedisStreams.Entry e : entries) {
            if (cutoff != null && e.id().isAfter(cutoff)) {
                break;
            }
            deliverLive(e);
            cursor = e.id();
        }
        handOver();
    }

    /** Adds an event to the batch {@link #handOver} gives each loop holding subscribers of its channel. */
    private void deliverLive(RedisStreams.Entry e) {
        NodeChannel ch = node.channels.get(e.channel());
        if (ch == null) {
            return;
        }
        ch.received.increment();
        node.received.increment();
        StreamChunk chunk = SseEncoder.encode(e.event(), e.id()); // once per node
        Fanout.Event event = new Fanout.Event(e.channel(), e.id(), chunk, ch.counters);
        for (var loop : ch.loops.keySet()) {
            batches.computeIfAbsent(loop, l -> new ArrayList<>()).add(event);
        }
    }

    /**
     * Hands each loop the events of one Redis read at once: they reach each subscriber as one run,
     * in one write, instead of one write per event when the loop starts on the first early.
     */
    private void handOver() {
        for (Map.Entry<StreamExecutor, List<Fanout.Event>> b : batches.entrySet()) {
            node.fanout.dispatchAll(b.getKey(), b.getValue());
        }
        batches.clear();
    }

    /**
     * The sync point: one snapshot of the followed channels and the new subscribers' channels.
     * Delivers what the followed channels got since the cursor, moves the cursor to the newest id
     * issued, tells followers of channels trimmed or lost meanwhile, and takes the new subscribers in.
     */
    private void sync() throws Exception {
        List<Subscriber> joins = new ArrayList<>(pendingJoins.size());
        for (Subscriber s : pendingJoins) {
            if (node.active.contains(s)) {
                joins.add(s);
            }
        }
        Set<String> names = new LinkedHashSet<>(node.channels.keySet());
        Map<String, EventId> after = new HashMap<>();
        if (cursor != null) {
            for (String name : names) {
                after.put(name, cursor);
            }
        }
        for (Subscriber s : joins) {
            names.addAll(s.channels());
            EventId last = s.lastEventId();
            if (last != null) {
                for (String name : s.channels()) {
                    after.merge(name, last, (a, b) -> a.isAfter(b) ? b : a);
                }
            }
        }
        RedisStreams.Snapshot snap = streams
                .snapshot(link.commands(), List.copyOf(names), after)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (cursor == null) {
            cursor = snap.last() != null ? snap.last() : new EventId(0, 0);
        } else {
            catchUp(snap);
        }
        epoch = snap.epoch();
        for (Subscriber s : joins) {
            takeIn(s, snap);
        }
        pendingJoins.clear();
        syncNeeded = false;
        backoff.reset();
        node.markUp();
    }

    /** Delivers the followed channels' events after the cursor; history-lost first if any are gone. */
    private void catchUp(RedisStreams.Snapshot snap) {
        boolean replaced = epoch != null && !epoch.equals(snap.epoch());
        Set<String> gone = new HashSet<>();
        List<RedisStreams.Entry> missed = new ArrayList<>();
        for (Map.Entry<String, NodeChannel> e : node.channels.entrySet()) {
            RedisStreams.ChannelSnapshot cs = snap.channels().get(e.getKey());
            if (cs == null) {
                continue;
            }
            // After an outage, events trimmed before this node read them are gone for its
            // subscribers (the check is conservative: a re-created stream's bound counts too).
            if (replaced || (afterOutage && cs.exists() && cs.maxDeleted().isAfter(cursor))) {
                gone.add(e.getKey());
            }
            for (RedisStreams.Entry entry : cs.entries()) {
                if (entry.id().isAfter(cursor)) {
                    missed.add(entry);
                }
            }
        }
        if (!gone.isEmpty()) {
            for (Subscriber s : joined) {
                List<String> its = s.channels().stream().filter(gone::contains).toList();
                if (!its.isEmpty()) {
                    s.executor().execute(() -> {
                        if (node.active.contains(s)) {
                            s.historyLost(its);
                        }
                    });
                }
            }
        }
        missed.sort(Comparator.comparing(RedisStreams.Entry::id));
        for (RedisStreams.Entry e : missed) {
            deliverLive(e);
        }
        handOver(); // before the new subscribers' take-in tasks, which come after these events
        if (snap.last() != null && snap.last().isAfter(cursor)) {
            cursor = snap.last();
        }
        afterOutage = false;
    }

    /** Registers a new subscriber and posts its history-lost verdict and replay to its loop. */
    private void takeIn(Subscriber s, RedisStreams.Snapshot snap) {
        List<String> lostChannels = new ArrayList<>(0);
        List<RedisStreams.Entry> replay = new ArrayList<>(0);
        if (s.resuming()) {
            EventId last = s.lastEventId();
            boolean all = last == null || snap.last() == null || last.isAfter(snap.last())
                    || (snap.since() != null && last.compareTo(snap.since()) < 0);
            for (String name : s.channels()) {
                RedisStreams.ChannelSnapshot cs = snap.channels().get(name);
                boolean gone = all || (cs.exists()
                        ? last.compareTo(cs.maxDeleted()) < 0
                        // No stream: it expired a ttl after its last event, so an id younger than that misses nothing.
                        : last.millis() <= snap.nowMillis() - ttlMillis);
                if (gone) {
                    lostChannels.add(name);
                } else {
                    for (RedisStreams.Entry e : cs.entries()) {
                        if (e.id().isAfter(last) && !e.id().isAfter(cursor)) {
                            replay.add(e);
                        }
                    }
                }
            }
        }
        joined.add(s);
        Map<String, NodeChannel> followed = node.channels;
        for (String name : s.channels()) {
            followed.computeIfAbsent(name, n -> new NodeChannel(n, node.totals)).add(s.executor());
        }
        replay.sort(Comparator.comparing(RedisStreams.Entry::id));
        List<StreamChunk> chunks = new ArrayList<>(replay.size());
        List<DeliveryCounters> counters = new ArrayList<>(replay.size());
        for (RedisStreams.Entry e : replay) {
            chunks.add(SseEncoder.encode(e.event(), e.id()));
            counters.add(followed.get(e.channel()).counters);
        }
        EventId boundary = cursor;
        // Through the fan-out's queue, not the loop's: a delivery already under way on the loop
        // could otherwise take events after the boundary before this runs, and they would be lost.
        node.fanout.execute(s.executor(), () -> {
            if (!node.active.contains(s)) {
                return; // ended before it was taken in; its leave undoes the registration
            }
            node.fanout.add(s);
            s.liveAfter(boundary);
            if (!lostChannels.isEmpty()) {
                s.historyLost(lostChannels);
            }
            for (int i = 0; i < chunks.size(); i++) {
                s.replay(chunks.get(i), counters.get(i));
            }
        });
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private record Change(Subscriber subscriber, boolean join) {
    }
}
