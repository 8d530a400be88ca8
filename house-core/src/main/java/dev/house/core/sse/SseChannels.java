package dev.house.core.sse;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamHandler;
import dev.house.core.sse.spi.BrokerContext;
import dev.house.core.sse.spi.Fanout;
import dev.house.core.sse.spi.PresenceChange;
import dev.house.core.sse.spi.SharedPresence;
import dev.house.core.sse.spi.SseBroker;
import dev.house.core.sse.spi.SseEncoder;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent event channels: handlers answer with a stream subscribed to named channels, server
 * code publishes to a channel from any thread, and every subscriber gets each event once, in
 * order, with replay after reconnecting, heartbeats, and slow clients cut off. One instance per
 * server; publishing goes through its {@link SseBroker} ({@link LocalBroker} by default).
 *
 * <pre>{@code
 * SseChannels sse = SseChannels.create();
 * Router router = Router.builder()
 *         .get("/events", req -> sse.subscribe(req, List.of("lobby")))
 *         .build();
 * sse.publish("lobby", SseEvent.named("chat", "{\"text\":\"hi\"}"));
 * }</pre>
 */
public final class SseChannels implements AutoCloseable {
    /** The response's content type. */
    public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    /** The query parameter carrying {@code Last-Event-ID} for clients that cannot set headers. */
    public static final String LAST_EVENT_ID_PARAMETER = "lastEventId";
    /** The query parameter naming channels in {@link #subscribe(Request)}. */
    public static final String CHANNEL_PARAMETER = "channel";
    /**
     * The name of the event sent first when a reconnecting client's {@code Last-Event-ID} is older
     * than the retained history of some of its channels, or is not an id this server issued. Its
     * data is a JSON object naming those channels: {@code {"channels":["lobby"]}}. The
     * application should reload its state; live events follow.
     */
    public static final String HISTORY_LOST_EVENT = "house-history-lost";
    /** The event announcing identities that joined a channel (see {@link Builder#presenceEvents}). */
    public static final String JOIN_EVENT = "house-join";
    /** The event announcing identities that left a channel (see {@link Builder#presenceEvents}). */
    public static final String LEAVE_EVENT = "house-leave";

    private static final Logger log = LoggerFactory.getLogger(SseChannels.class);
    private static final int FAREWELL_HINTS = 16;

    private final SseConfig config;
    private final SseBroker broker;
    private final SubscribeAuthorizer authorizer;
    private final Heartbeats heartbeats;
    private final StreamChunk retryChunk;
    /** Farewell hints around {@link SseConfig#retry()}, one picked per stream; see {@link #farewells}. */
    private final StreamChunk[] farewells;
    private final PresenceTracker presence;
    private final Predicate<String> presenceEvents;
    /** Presence across nodes, kept by the broker; {@code null} when presence is this node's. */
    private final SharedPresence shared;
    /** Publishes join/leave batches off the event loops; its thread starts with the first batch. */
    private final ExecutorService presencePublishing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "house-presence");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private SseChannels(Builder b) {
        this.config = b.config;
        this.broker = b.broker != null ? b.broker : new LocalBroker(b.config);
        this.authorizer = b.authorizer;
        this.heartbeats = new Heartbeats(config, broker::maintain);
        this.retryChunk = SseEncoder.retry(config.retry().toMillis());
        this.farewells = farewells(config.retry().toMillis());
        this.presenceEvents = b.presenceEvents;
        this.shared = broker.sharedPresence();
        this.presence = new PresenceTracker(config, presenceEvents, shared != null,
                shared == null ? this::announce : changes -> shared.update(changes, false), presencePublishing);
        broker.attach(new Context(new LocalFanout()));
    }

    /** Channels with the default settings and an in-memory broker. */
    public static SseChannels create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A response streaming the events of {@code channels} to the client. Resumes after the
     * request's {@code Last-Event-ID} header (or {@value #LAST_EVENT_ID_PARAMETER} query
     * parameter) when present.
     *
     * @throws HttpException 400 for a bad or missing channel name, 403 when the
     *                       {@link SubscribeAuthorizer} refuses a channel, 503 after {@link #close()}
     */
    public Response subscribe(Request request, Collection<String> channels) {
        return subscribe(request, channels, null);
    }

    /** As {@link #subscribe(Request, Collection)}, the channels named by the {@code channel} query parameters. */
    public Response subscribe(Request request) {
        List<String> names = request.queryParameters().get(CHANNEL_PARAMETER);
        return subscribe(request, names == null ? List.of() : names, null);
    }

    /**
     * As {@link #subscribe(Request, Collection)}, and {@code onOpen} gets the client's own
     * {@link EventStream} (on the event loop, before replay) to greet it or to close it later.
     */
    public Response subscribe(Request request, Collection<String> channels, Consumer<EventStream> onOpen) {
        return subscribe(request, channels, null, onOpen);
    }

    /**
     * As {@link #subscribe(Request, Collection, Consumer)}, the stream present on its channels as
     * {@code who} (see {@link #presence(String)}): the handler chooses the identity, from what it
     * trusts (a session, an authenticated user, a name it validated), never from raw client input.
     *
     * @param who the stream's identity, or {@code null} for an anonymous stream (still counted
     *            among a channel's subscribers)
     * @param onOpen as in {@link #subscribe(Request, Collection, Consumer)}; may be {@code null}
     */
    public Response subscribe(Request request, Collection<String> channels, Presence who,
                              Consumer<EventStream> onOpen) {
        Objects.requireNonNull(request, "request");
        List<String> names = ChannelNames.fromClient(channels, config);
        for (String name : names) {
            if (!authorizer.allows(request, name)) {
                throw new HttpException(HttpStatus.FORBIDDEN, "Not allowed to subscribe to this channel");
            }
        }
        refuseWhenClosed();
        String lastEventId = request.header("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = request.queryParameter(LAST_EVENT_ID_PARAMETER);
        }
        String resumeFrom = lastEventId;
        return eventStream(stream -> {
            SseWriter writer = open(stream);
            ChannelSubscriber subscriber = new ChannelSubscriber(writer, names, resumeFrom);
            if (onOpen != null && !greet(onOpen, writer)) {
                return;
            }
            broker.subscribe(subscriber);
            presence.add(names, who, subscriber.executor());
            stream.onClose(() -> {
                broker.unsubscribe(subscriber);
                presence.remove(names, who, subscriber.executor());
            });
        });
    }

    /**
     * A response whose SSE stream belongs to the handler alone (no channels): {@code onOpen} gets
     * it on the event loop. It gets the retry hint, heartbeats and the shutdown farewell too.
     */
    public Response stream(Consumer<EventStream> onOpen) {
        Objects.requireNonNull(onOpen, "onOpen");
        refuseWhenClosed();
        return eventStream(stream -> greet(onOpen, open(stream)));
    }

    /**
     * Publishes {@code event} to every subscriber of {@code channel}, from any thread, without
     * waiting for any socket.
     *
     * @return the id the broker gave the event
     * @throws IllegalArgumentException for an invalid channel name or an event carrying an id
     */
    public EventId publish(String channel, SseEvent event) {
        return broker.publish(ChannelNames.require(channel, config), event);
    }

    /** Publishes an unnamed event ({@code message} in a browser) with {@code data}. */
    public EventId publish(String channel, String data) {
        return publish(channel, SseEvent.data(data));
    }

    /**
     * Who is on {@code channel}: its subscriber count and its distinct identities, at most
     * {@link SseConfig#maxPresenceAnswer()} of them listed. On this node, or on every node when
     * the broker shares presence (the Redis broker; the answer then comes from Redis, so do not
     * ask on an event loop).
     */
    public ChannelPresence presence(String channel) {
        return presence(channel, config.maxPresenceAnswer());
    }

    /** As {@link #presence(String)}, listing at most {@code limit} identities (never more than the configured maximum). */
    public ChannelPresence presence(String channel, int limit) {
        if (shared != null) {
            return shared.presence(ChannelNames.require(channel, config),
                    Math.max(0, Math.min(limit, config.maxPresenceAnswer())));
        }
        return presence.presence(channel, limit);
    }

    /**
     * Streams subscribed to {@code channel} right now, 0 for an unknown channel: on this node in
     * O(1), or on every node when the broker shares presence (as {@link #presence(String)}).
     */
    public int subscriberCount(String channel) {
        if (shared != null) {
            return shared.subscribers(ChannelNames.require(channel, config));
        }
        return presence.subscribers(channel);
    }

    /** Identities present on this node, summed over channels: a total for metrics. */
    public long presentIdentities() {
        return presence.identities();
    }

    /** Every channel with subscribers or retained history, sorted by name; an immutable snapshot. */
    public List<ChannelStats> channels() {
        return broker.channels();
    }

    /** Totals across all channels. */
    public SseStats stats() {
        SseStats t = broker.totals();
        long heartbeatDrops = heartbeats.droppedSlow();
        return new SseStats(t.channels(), t.subscriptions(), t.published(), t.delivered(),
                t.droppedSlow() + heartbeatDrops, t.retainedEvents(), t.retainedBytes());
    }

    public SseConfig config() {
        return config;
    }

    public SseBroker broker() {
        return broker;
    }

    /**
     * Ends every stream with the {@code retry:} hint (clients reconnect, possibly elsewhere) and
     * refuses new subscriptions with 503. The server's own shutdown does the same for streams it
     * closes; this is for stopping SSE alone.
     */
    @Override
    public void close() {
        closed = true;
        heartbeats.closeAll(retryChunk);
        presencePublishing.shutdown();
    }

    /**
     * Publishes presence changes as {@value #JOIN_EVENT}/{@value #LEAVE_EVENT} events on the
     * channels that want them, in slices of at most the configured answer size. Off the loops.
     */
    private void announce(List<PresenceChange> changes) {
        for (PresenceChange c : changes) {
            if (presenceEvents.test(c.channel())) {
                announce(c.channel(), JOIN_EVENT, c.joined());
                announce(c.channel(), LEAVE_EVENT, c.left());
            }
        }
    }

    private void announce(String channel, String event, List<Presence> members) {
        int slice = config.maxPresenceAnswer();
        for (int from = 0; from < members.size(); from += slice) {
            String data = PresenceTracker.json(channel, members.subList(from, Math.min(members.size(), from + slice)));
            try {
                broker.publish(channel, SseEvent.named(event, data));
            } catch (RuntimeException e) {
                log.warn("could not publish {} on channel {}", event, channel, e);
            }
        }
    }

    /** What the broker gets in {@link SseBroker#attach}. */
    private final class Context implements BrokerContext {
        private final Fanout fanout;

        Context(Fanout fanout) {
            this.fanout = fanout;
        }

        @Override
        public Fanout fanout() {
            return fanout;
        }

        @Override
        public void announce(List<PresenceChange> changes) {
            SseChannels.this.announce(changes);
        }

        @Override
        public void resendPresence() {
            if (shared != null) {
                presence.resend(changes -> shared.update(changes, true));
            }
        }
    }

    private void refuseWhenClosed() {
        if (closed) {
            throw new HttpException(HttpStatus.SERVICE_UNAVAILABLE, "Event streams are shutting down");
        }
    }

    /** Sets up a just-opened stream: bounds, farewell, retry hint, heartbeats. On its loop. */
    private SseWriter open(ResponseStream stream) {
        SseWriter writer = new SseWriter(stream);
        stream.maxPendingBytes(config.maxPendingBytes());
        stream.farewell(farewells[ThreadLocalRandom.current().nextInt(farewells.length)]);
        if (config.retryOnOpen()) {
            writer.write(retryChunk);
        }
        heartbeats.add(writer);
        stream.onClose(() -> heartbeats.remove(writer));
        return writer;
    }

    /**
     * The {@code retry:} hints a stream may get before shutdown ends it: {@value #FAREWELL_HINTS}
     * steps from half to one and a half times the configured delay (the mean stays the configured
     * one). With the server's spread stream drain they keep the clients ended in the same instant
     * from reconnecting in the same instant; shared chunks, so nothing is allocated per stream.
     */
    static StreamChunk[] farewells(long retryMillis) {
        StreamChunk[] hints = new StreamChunk[FAREWELL_HINTS];
        for (int i = 0; i < hints.length; i++) {
            hints[i] = SseEncoder.retry(retryMillis / 2 + retryMillis * i / (hints.length - 1));
        }
        return hints;
    }

    /** Runs the application's open callback; a failure ends the stream. */
    private static boolean greet(Consumer<EventStream> onOpen, SseWriter writer) {
        try {
            onOpen.accept(new WriterEventStream(writer));
            return true;
        } catch (RuntimeException e) {
            log.error("event stream callback failed; closing the stream", e);
            writer.stream().close();
            return false;
        }
    }

    /** The response head every SSE stream gets; the core adds chunked or close-delimited framing. */
    private static Response eventStream(StreamHandler handler) {
        return Response.stream(CONTENT_TYPE, handler)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }

    /** Assembles {@link SseChannels}. */
    public static final class Builder {
        private SseConfig config = SseConfig.defaults();
        private SseBroker broker;
        private SubscribeAuthorizer authorizer = SubscribeAuthorizer.ALLOW_ALL;
        private Predicate<String> presenceEvents = channel -> false;

        private Builder() {
        }

        /** Settings; default {@link SseConfig#defaults()}. */
        public Builder config(SseConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The broker; default a {@link LocalBroker} with this builder's config. */
        public Builder broker(SseBroker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
            return this;
        }

        /** Who may subscribe to what; default everyone to everything. */
        public Builder authorizer(SubscribeAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * The channels whose subscribers get {@code house-join} and {@code house-leave} events
         * (named SSE events whose data is {@code {"channel":"room","members":[{"id":..,"info":..}]}})
         * when identities join or leave; default none.
         */
        public Builder presenceEvents(Predicate<String> channels) {
            this.presenceEvents = Objects.requireNonNull(channels, "channels");
            return this;
        }

        public SseChannels build() {
            return new SseChannels(this);
        }
    }
}
