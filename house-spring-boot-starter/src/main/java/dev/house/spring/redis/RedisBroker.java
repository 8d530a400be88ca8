package dev.house.spring.redis;

import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.SseEvent;
import dev.house.core.sse.SseStats;
import dev.house.core.sse.spi.BrokerContext;
import dev.house.core.sse.spi.SharedPresence;
import dev.house.core.sse.spi.SseBroker;
import dev.house.core.sse.spi.Subscriber;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link SseBroker} shared by several house nodes through Redis: each channel is a Redis
 * stream holding its history, ids come from Redis and increase across channels and nodes, and
 * every node reads the channels its own subscribers want (once per node, not per subscriber) and
 * fans them out locally with the core's encode-once path. A client may reconnect to any node with
 * its {@code Last-Event-ID}.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create("redis://localhost:6379");
 * RedisBroker broker = new RedisBroker(client, SseConfig.defaults(), RedisBrokerSettings.defaults()).start();
 * SseChannels sse = SseChannels.builder().broker(broker).build();
 * ...
 * sse.close(); broker.close(); client.shutdown();
 * }</pre>
 *
 * <p>Publishing waits for Redis, so it must not run on an event loop (it throws there); when Redis
 * is unreachable it fails at once with {@link RedisBrokerUnavailableException}. Open streams stay
 * open through an outage; the node reconnects with back-off and delivers what Redis retained.
 *
 * <p>Presence is cluster-wide ({@link #sharedPresence()}): counts and identities of all nodes,
 * joins and leaves announced once per identity across nodes, a crashed node's identities expired
 * after {@link RedisBrokerSettings#presenceTtl()}.
 */
public final class RedisBroker implements SseBroker, AutoCloseable {
    private final SseConfig config;
    private final RedisBrokerSettings settings;
    private final RedisStreams streams;
    private final RedisLink link;
    private final RedisPresence presence;
    private final NodeState node = new NodeState();
    private final LongAdder published = new LongAdder();
    private final StreamReader reader;
    private final Thread readerThread;

    /**
     * A broker on {@code client}'s Redis (the client stays the caller's: {@link #close()} does not
     * shut it down). Call {@link #start()} before use.
     *
     * @param config   history size and age and channel-name rules, as for every broker
     * @param settings Redis specifics
     */
    public RedisBroker(RedisClient client, SseConfig config, RedisBrokerSettings settings) {
        Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (config.historySize() < 1) {
            // Nodes read live events from the streams; an event must stay long enough to be read.
            throw new IllegalArgumentException("historySize must be at least 1 for the Redis broker");
        }
        this.streams = new RedisStreams(settings.keyPrefix());
        this.reader = new StreamReader(node, streams, config, settings);
        this.link = new RedisLink(client, reader::connectionLost);
        reader.use(link);
        this.presence = new RedisPresence(link, settings);
        this.readerThread = new Thread(reader, "house-redis-broker");
        this.readerThread.setDaemon(true);
    }

    /** Takes the fan-out of the channels built with this broker and starts refreshing presence. */
    @Override
    public void attach(BrokerContext context) {
        synchronized (this) {
            if (node.fanout != null) {
                throw new IllegalStateException("this RedisBroker already serves other SseChannels");
            }
            node.fanout = context.fanout();
        }
        presence.start(context);
    }

    /** Presence across every node sharing this Redis; see {@link RedisPresence}. */
    @Override
    public SharedPresence sharedPresence() {
        return presence;
    }

    /** Connects (in the background; an unreachable Redis is retried with back-off). */
    public RedisBroker start() {
        readerThread.start();
        return this;
    }

    /**
     * Appends the event to the channel's Redis stream and returns the id Redis gave it; every
     * node with subscribers of the channel delivers it. Waits at most the publish timeout.
     *
     * @throws IllegalArgumentException        for an event with an id (channel names are checked by
     *                                         {@code SseChannels.publish}, which calls this)
     * @throws IllegalStateException           when called on an event loop thread
     * @throws RedisBrokerUnavailableException when Redis is unreachable or too slow to answer
     */
    @Override
    public EventId publish(String channel, SseEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.id() != null) {
            throw new IllegalArgumentException("a channel event gets its id from the broker; do not set one");
        }
        if (StreamExecutor.current() != null) {
            throw new IllegalStateException("publishing through Redis waits for Redis and must not run on an "
                    + "event loop; publish from a worker thread (Execution.WORKER)");
        }
        RedisAsyncCommands<String, String> redis = link.commands();
        if (!node.isHealthy() || redis == null) {
            throw new RedisBrokerUnavailableException("Redis is unavailable (" + node.problem()
                    + "); event not published");
        }
        CompletableFuture<EventId> id = streams.publish(redis, channel, event, config.historySize(),
                config.historyTtl());
        EventId result = RedisLink.await(id, settings.publishTimeout(), "or lost the event",
                "; the event may or may not be published");
        published.increment();
        return result;
    }

    /**
     * Queues the subscriber for the reader thread, which replays what it missed and starts live
     * delivery; nothing here talks to Redis, so the event loop never waits.
     */
    @Override
    public void subscribe(Subscriber subscriber) {
        if (node.active.add(subscriber)) {
            reader.join(subscriber);
        }
    }

    @Override
    public void unsubscribe(Subscriber subscriber) {
        if (node.active.remove(subscriber)) {
            node.fanout.remove(subscriber);
            reader.leave(subscriber);
        }
    }

    /** Channels this node has subscribers for, by name; {@code published} counts events it read. */
    @Override
    public List<ChannelStats> channels() {
        List<ChannelStats> out = new ArrayList<>(node.channels.size());
        for (NodeChannel ch : node.channels.values()) {
            out.add(ch.stats());
        }
        out.sort(Comparator.comparing(ChannelStats::name));
        return List.copyOf(out);
    }

    /** This node's totals: {@code published} counts events published through this node. */
    @Override
    public SseStats totals() {
        long subscriptions = 0;
        for (NodeChannel ch : node.channels.values()) {
            subscriptions += ch.subscribers.get();
        }
        return new SseStats(node.channels.size(), subscriptions, published.sum(), node.totals.delivered(),
                node.totals.droppedSlow(), 0, 0);
    }

    /** Events this node read from Redis: each event of a followed channel once, however many subscribers. */
    public long receivedEvents() {
        return node.received.sum();
    }

    /** Whether the node is connected to Redis and in step with its streams. */
    public boolean isHealthy() {
        return node.isHealthy();
    }

    /** Why the broker is unhealthy, or {@code null} when it is healthy. */
    public String problem() {
        return node.isHealthy() ? null : node.problem();
    }

    public RedisBrokerSettings settings() {
        return settings;
    }

    /**
     * Removes this node's presence from Redis (announcing who left with it), stops reading and
     * closes the broker's own connections (not the client).
     */
    @Override
    public void close() {
        presence.close();
        stop();
    }

    /**
     * Stops without removing this node's presence, as a crash would: the other nodes expire it
     * after the presence TTL. For tests of that expiry.
     */
    void halt() {
        presence.halt();
        stop();
    }

    private void stop() {
        reader.stop();
        readerThread.interrupt();
        try {
            readerThread.join(settings.readBlock().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.markDown("closed");
        link.close();
    }
}
