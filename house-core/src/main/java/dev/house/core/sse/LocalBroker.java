package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.SseBroker;
import dev.house.core.sse.spi.SseEncoder;
import dev.house.core.sse.spi.Subscriber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The in-memory {@link SseBroker} of a single server. Ids are {@code millis-sequence}, increasing
 * for the life of the process; an id from before this broker started is "unknown". History is a
 * bounded ring per channel (size and age) under a global memory cap that evicts the oldest
 * events first; at most {@link SseConfig#maxChannels()} channels are kept, the least recently
 * used channel without subscribers being forgotten first.
 *
 * <p>One lock orders everything: id assignment, history, subscriber registration and posting the
 * delivery tasks. It is held for microseconds and never while touching a socket; holding it while
 * posting makes every loop's task queue receive events in id order across all channels, which is
 * what lets a multi-channel stream resume from a single {@code Last-Event-ID}.
 *
 * <p>No work under the lock depends on how many channels exist: all retained events are linked
 * oldest to newest in one list (ids and retention times both increase with it), so the globally
 * oldest event, for the memory cap and for expiry, is its head; channels without subscribers are
 * linked in least-recently-used order for {@code maxChannels}. A publish or subscribe therefore
 * costs O(1) plus the events it evicts, each event being evicted once.
 */
public final class LocalBroker implements SseBroker {
    /** Expired events dropped per publish or {@link #maintain()}: bounded lock hold, still ahead of the inflow. */
    private static final int EXPIRY_BATCH = 64;

    private final SseConfig config;
    private final LocalFanout fanout = new LocalFanout();
    private final Object lock = new Object();
    private final Map<String, Channel> channels = new HashMap<>();
    private final DeliveryCounters totals = new DeliveryCounters(null);
    private final EventId startId;
    private final long ttlNanos;
    private EventId lastId;
    private EventId forgottenThrough;
    /** Oldest and newest retained event across all channels. */
    private ChannelHistory.Entry oldestEntry;
    private ChannelHistory.Entry newestEntry;
    /** Least and most recently used channel without subscribers. */
    private Channel lruOldest;
    private Channel lruNewest;
    private long retainedBytes;
    private long retainedEvents;
    private long published;
    private long subscriptions;

    public LocalBroker(SseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.startId = new EventId(System.currentTimeMillis(), 0);
        this.lastId = startId;
        this.ttlNanos = config.historyTtl().toNanos();
    }

    @Override
    public EventId publish(String channel, SseEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.id() != null) {
            throw new IllegalArgumentException("a channel event gets its id from the broker; do not set one");
        }
        byte[] body = SseEncoder.bytes(event, null); // encoded outside the lock, once
        synchronized (lock) {
            long now = System.nanoTime();
            EventId id = lastId.next(System.currentTimeMillis());
            lastId = id;
            published++;
            expireLocked(now, EXPIRY_BATCH);
            Channel ch = channels.get(channel);
            if (ch == null) {
                ch = createChannelLocked(channel);
                if (ch == null) {
                    // Every kept channel has subscribers: nobody to deliver to, nothing to retain.
                    rememberForgottenLocked(id);
                    return id;
                }
            } else if (ch.inLru) {
                lruUnlinkLocked(ch);
                lruAppendLocked(ch);
            }
            StreamChunk chunk = StreamChunk.wrap(SseEncoder.withId(id, body));
            ch.published++;
            retainLocked(ch, id, chunk, now);
            for (StreamExecutor loop : ch.loops()) {
                fanout.dispatch(loop, channel, id, chunk, ch.counters);
            }
            removeIfIdleLocked(ch);
            return id;
        }
    }

    @Override
    public void subscribe(Subscriber subscriber) {
        if (subscriber instanceof ChannelSubscriber own && !own.markSubscribed(true)) {
            return;
        }
        StreamExecutor loop = subscriber.executor();
        List<String> lost = new ArrayList<>(0);
        List<ChannelHistory.Entry> replay = new ArrayList<>(0);
        synchronized (lock) {
            long now = System.nanoTime();
            EventId last = subscriber.lastEventId();
            boolean unknown = subscriber.resuming()
                    && (last == null || last.compareTo(startId) < 0 || last.isAfter(lastId));
            for (String name : subscriber.channels()) {
                Channel ch = channels.get(name);
                if (ch == null) {
                    ch = createChannelLocked(name);
                    if (ch == null) {
                        // Subscribed channels are bounded by connections: they may pass maxChannels.
                        ch = newChannelLocked(name);
                    }
                }
                expireLocked(ch, now);
                if (unknown || (last != null && !ch.history.covers(last))) {
                    lost.add(name);
                } else if (last != null) {
                    ch.history.collectAfter(last, replay);
                }
                if (ch.subscribers == 0) {
                    lruUnlinkLocked(ch);
                }
                ch.addSubscriber(loop);
                subscriptions++;
            }
            // Live tasks already queued on this loop carry ids up to lastId: replay covers them.
            subscriber.liveAfter(lastId);
        }
        fanout.add(subscriber);
        if (!lost.isEmpty()) {
            subscriber.historyLost(lost);
        }
        replay.sort(Comparator.comparing(ChannelHistory.Entry::id));
        for (ChannelHistory.Entry e : replay) {
            subscriber.replay(e.chunk(), e.channel.counters);
        }
    }

    @Override
    public void unsubscribe(Subscriber subscriber) {
        if (subscriber instanceof ChannelSubscriber own && !own.markSubscribed(false)) {
            return;
        }
        fanout.remove(subscriber);
        synchronized (lock) {
            for (String name : subscriber.channels()) {
                Channel ch = channels.get(name);
                if (ch != null) {
                    ch.removeSubscriber(subscriber.executor());
                    subscriptions--;
                    if (ch.subscribers == 0) {
                        lruAppendLocked(ch);
                    }
                    removeIfIdleLocked(ch);
                }
            }
            trimChannelsLocked(0);
        }
    }

    /** Drops a bounded batch of expired history; callable from an event loop. */
    @Override
    public void maintain() {
        synchronized (lock) {
            expireLocked(System.nanoTime(), EXPIRY_BATCH);
        }
    }

    @Override
    public List<ChannelStats> channels() {
        List<ChannelStats> out;
        synchronized (lock) {
            expireLocked(System.nanoTime(), Integer.MAX_VALUE);
            out = new ArrayList<>(channels.size());
            for (Channel ch : channels.values()) {
                out.add(ch.stats());
            }
        }
        out.sort(Comparator.comparing(ChannelStats::name));
        return List.copyOf(out);
    }

    @Override
    public SseStats totals() {
        synchronized (lock) {
            // Amortised O(1) per event: each event expires once.
            expireLocked(System.nanoTime(), Integer.MAX_VALUE);
            return new SseStats(channels.size(), subscriptions, published, totals.delivered(),
                    totals.droppedSlow(), retainedEvents, retainedBytes);
        }
    }

    /**
     * A new channel, after forgetting the least recently used channel without subscribers if the
     * count is at {@code maxChannels}; {@code null} when every kept channel has subscribers.
     */
    private Channel createChannelLocked(String name) {
        trimChannelsLocked(1);
        if (channels.size() >= config.maxChannels()) {
            return null;
        }
        Channel ch = newChannelLocked(name);
        lruAppendLocked(ch);
        return ch;
    }

    private Channel newChannelLocked(String name) {
        Channel ch = new Channel(name, new ChannelHistory(forgottenThrough), new DeliveryCounters(totals));
        channels.put(name, ch);
        retainedBytes += ch.cost();
        return ch;
    }

    /** Forgets least recently used channels without subscribers until {@code room} more fit under the cap. */
    private void trimChannelsLocked(int room) {
        while (channels.size() + room > config.maxChannels() && lruOldest != null) {
            forgetLocked(lruOldest);
        }
    }

    /** Drops all of a subscriber-less channel's history, and with it the channel. */
    private void forgetLocked(Channel ch) {
        while (!ch.history.isEmpty()) {
            evictOldestLocked(ch);
        }
        removeIfIdleLocked(ch);
    }

    private void retainLocked(Channel ch, EventId id, StreamChunk chunk, long now) {
        if (config.historySize() == 0) {
            ch.history.skipped(id);
            return;
        }
        ChannelHistory.Entry entry = new ChannelHistory.Entry(id, chunk, now, ch);
        ch.history.append(entry);
        linkNewestLocked(entry);
        retainedEvents++;
        retainedBytes += entry.cost();
        while (ch.history.size() > config.historySize()) {
            evictOldestLocked(ch);
        }
        while (retainedBytes > config.historyMemoryCap() && oldestEntry != null) {
            Channel oldest = oldestEntry.channel;
            evictOldestLocked(oldest);
            if (oldest != ch) {
                removeIfIdleLocked(oldest);
            }
        }
    }

    /** Drops up to {@code max} expired events, globally oldest first. */
    private void expireLocked(long now, int max) {
        for (int i = 0; i < max && oldestEntry != null && now - oldestEntry.retainedAtNanos >= ttlNanos; i++) {
            Channel ch = oldestEntry.channel;
            evictOldestLocked(ch);
            removeIfIdleLocked(ch);
        }
    }

    /** Drops a channel's expired events (so replay and {@code covers} are exact for it). */
    private void expireLocked(Channel ch, long now) {
        ChannelHistory.Entry e;
        while ((e = ch.history.oldest()) != null && now - e.retainedAtNanos >= ttlNanos) {
            evictOldestLocked(ch);
        }
    }

    private void evictOldestLocked(Channel ch) {
        ChannelHistory.Entry e = ch.history.evictOldest();
        if (e != null) {
            unlinkLocked(e);
            retainedEvents--;
            retainedBytes -= e.cost();
        }
    }

    private void linkNewestLocked(ChannelHistory.Entry e) {
        e.older = newestEntry;
        if (newestEntry == null) {
            oldestEntry = e;
        } else {
            newestEntry.newer = e;
        }
        newestEntry = e;
    }

    private void unlinkLocked(ChannelHistory.Entry e) {
        if (e.older == null) {
            oldestEntry = e.newer;
        } else {
            e.older.newer = e.newer;
        }
        if (e.newer == null) {
            newestEntry = e.older;
        } else {
            e.newer.older = e.older;
        }
        e.older = null;
        e.newer = null;
    }

    private void lruAppendLocked(Channel ch) {
        if (ch.inLru) {
            return;
        }
        ch.inLru = true;
        ch.lruOlder = lruNewest;
        ch.lruNewer = null;
        if (lruNewest == null) {
            lruOldest = ch;
        } else {
            lruNewest.lruNewer = ch;
        }
        lruNewest = ch;
    }

    private void lruUnlinkLocked(Channel ch) {
        if (!ch.inLru) {
            return;
        }
        ch.inLru = false;
        if (ch.lruOlder == null) {
            lruOldest = ch.lruNewer;
        } else {
            ch.lruOlder.lruNewer = ch.lruNewer;
        }
        if (ch.lruNewer == null) {
            lruNewest = ch.lruOlder;
        } else {
            ch.lruNewer.lruOlder = ch.lruOlder;
        }
        ch.lruOlder = null;
        ch.lruNewer = null;
    }

    private void removeIfIdleLocked(Channel ch) {
        if (ch.isIdle() && channels.get(ch.name) == ch) {
            channels.remove(ch.name);
            lruUnlinkLocked(ch);
            retainedBytes -= ch.cost();
            // A channel re-created later must still know what its predecessor lost.
            EventId gone = ch.history.evictedThrough();
            if (gone != null) {
                rememberForgottenLocked(gone);
            }
        }
    }

    private void rememberForgottenLocked(EventId gone) {
        if (forgottenThrough == null || gone.isAfter(forgottenThrough)) {
            forgottenThrough = gone;
        }
    }
}
