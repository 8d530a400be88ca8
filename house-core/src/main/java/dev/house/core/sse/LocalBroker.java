package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.io.EventLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The in-memory {@link SseBroker} of a single server. Ids are {@code millis-sequence}, increasing
 * for the life of the process; an id from before this broker started is "unknown". History is a
 * bounded ring per channel (size and age) under a global memory cap that evicts the oldest
 * events first.
 *
 * <p>One lock orders everything: id assignment, history, subscriber registration and posting the
 * delivery tasks. It is held for microseconds and never while touching a socket; holding it while
 * posting makes every loop's task queue receive events in id order across all channels, which is
 * what lets a multi-channel stream resume from a single {@code Last-Event-ID}.
 */
public final class LocalBroker implements SseBroker {
    private final SseConfig config;
    private final LocalFanout fanout = new LocalFanout();
    private final Object lock = new Object();
    private final Map<String, Channel> channels = new HashMap<>();
    private final DeliveryCounters totals = new DeliveryCounters(null);
    private final EventId startId;
    private final long ttlNanos;
    private final long sweepIntervalNanos;
    private EventId lastId;
    private EventId forgottenThrough;
    private long retainedBytes;
    private long retainedEvents;
    private long published;
    private long subscriptions;
    private long nextSweepNanos;

    public LocalBroker(SseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.startId = new EventId(System.currentTimeMillis(), 0);
        this.lastId = startId;
        this.ttlNanos = config.historyTtl().toNanos();
        this.sweepIntervalNanos = Math.max(10_000_000L, Math.min(1_000_000_000L, ttlNanos / 4));
        this.nextSweepNanos = System.nanoTime() + sweepIntervalNanos;
    }

    @Override
    public EventId publish(String channel, SseEvent event) {
        ChannelNames.require(channel, config);
        Objects.requireNonNull(event, "event");
        if (event.id() != null) {
            throw new IllegalArgumentException("a channel event gets its id from the broker; do not set one");
        }
        byte[] body = SseEncoder.bytes(event, null); // encoded outside the lock, once
        synchronized (lock) {
            long now = System.nanoTime();
            EventId id = lastId.next(System.currentTimeMillis());
            lastId = id;
            StreamChunk chunk = StreamChunk.wrap(SseEncoder.withId(id, body));
            Channel ch = channelLocked(channel);
            ch.published++;
            published++;
            retainLocked(ch, new ChannelHistory.Entry(id, chunk, now), now);
            for (EventLoop loop : ch.loops.keySet()) {
                fanout.dispatch(loop, channel, id, chunk, ch.counters);
            }
            removeIfIdleLocked(ch);
            sweepIfDueLocked(now);
            return id;
        }
    }

    @Override
    public void subscribe(Subscriber subscriber) {
        if (!subscriber.markSubscribed(true)) {
            return;
        }
        EventLoop loop = subscriber.eventLoop();
        List<String> lost = new ArrayList<>(0);
        List<ChannelHistory.Entry> replay = new ArrayList<>(0);
        Map<EventId, Channel> replayChannel = new HashMap<>();
        synchronized (lock) {
            long now = System.nanoTime();
            EventId last = subscriber.lastEventId();
            boolean unknown = subscriber.resuming()
                    && (last == null || last.compareTo(startId) < 0 || last.isAfter(lastId));
            for (String name : subscriber.channels()) {
                Channel ch = channelLocked(name);
                expireLocked(ch, now);
                if (unknown || (last != null && !ch.history.covers(last))) {
                    lost.add(name);
                } else if (last != null) {
                    int from = replay.size();
                    ch.history.collectAfter(last, replay);
                    for (int i = from; i < replay.size(); i++) {
                        replayChannel.put(replay.get(i).id(), ch);
                    }
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
            subscriber.replay(e.chunk(), replayChannel.get(e.id()).counters);
        }
    }

    @Override
    public void unsubscribe(Subscriber subscriber) {
        if (!subscriber.markSubscribed(false)) {
            return;
        }
        fanout.remove(subscriber);
        synchronized (lock) {
            for (String name : subscriber.channels()) {
                Channel ch = channels.get(name);
                if (ch != null) {
                    ch.removeSubscriber(subscriber.eventLoop());
                    subscriptions--;
                    removeIfIdleLocked(ch);
                }
            }
        }
    }

    @Override
    public void maintain() {
        synchronized (lock) {
            sweepIfDueLocked(System.nanoTime());
        }
    }

    @Override
    public List<ChannelStats> channels() {
        List<ChannelStats> out;
        synchronized (lock) {
            sweepIfDueLocked(System.nanoTime());
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
            sweepIfDueLocked(System.nanoTime());
            return new SseStats(channels.size(), subscriptions, published, totals.delivered(),
                    totals.droppedSlow(), retainedEvents, retainedBytes);
        }
    }

    private Channel channelLocked(String name) {
        Channel ch = channels.get(name);
        if (ch == null) {
            ch = new Channel(name, new ChannelHistory(forgottenThrough), new DeliveryCounters(totals));
            channels.put(name, ch);
        }
        return ch;
    }

    private void retainLocked(Channel ch, ChannelHistory.Entry entry, long now) {
        if (config.historySize() == 0) {
            ch.history.skipped(entry.id());
            return;
        }
        ch.history.append(entry);
        retainedEvents++;
        retainedBytes += entry.cost();
        while (ch.history.size() > config.historySize()) {
            evictOldestLocked(ch);
        }
        expireLocked(ch, now);
        while (retainedBytes > config.historyMemoryCap()) {
            Channel oldest = channelWithOldestEntryLocked();
            if (oldest == null) {
                break;
            }
            evictOldestLocked(oldest);
            if (oldest != ch) {
                removeIfIdleLocked(oldest);
            }
        }
    }

    private void expireLocked(Channel ch, long now) {
        ChannelHistory.Entry e;
        while ((e = ch.history.oldest()) != null && now - e.retainedAtNanos() >= ttlNanos) {
            evictOldestLocked(ch);
        }
    }

    private void evictOldestLocked(Channel ch) {
        ChannelHistory.Entry e = ch.history.evictOldest();
        if (e != null) {
            retainedEvents--;
            retainedBytes -= e.cost();
        }
    }

    /** The channel holding the globally oldest retained event: ids increase across channels. */
    private Channel channelWithOldestEntryLocked() {
        Channel best = null;
        for (Channel ch : channels.values()) {
            ChannelHistory.Entry e = ch.history.oldest();
            if (e != null && (best == null || e.id().compareTo(best.history.oldest().id()) < 0)) {
                best = ch;
            }
        }
        return best;
    }

    private void removeIfIdleLocked(Channel ch) {
        if (ch.isIdle() && channels.get(ch.name) == ch) {
            channels.remove(ch.name);
            // A channel re-created later must still know what its predecessor lost.
            EventId gone = ch.history.evictedThrough();
            if (gone != null && (forgottenThrough == null || gone.isAfter(forgottenThrough))) {
                forgottenThrough = gone;
            }
        }
    }

    /** Now and then walks every channel so history of channels nobody publishes to expires too. */
    private void sweepIfDueLocked(long now) {
        if (now - nextSweepNanos < 0) {
            return;
        }
        nextSweepNanos = now + sweepIntervalNanos;
        Iterator<Channel> it = new ArrayList<>(channels.values()).iterator();
        while (it.hasNext()) {
            Channel ch = it.next();
            expireLocked(ch, now);
            removeIfIdleLocked(ch);
        }
    }
}
