package dev.house.core.sse;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamHandler;
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
        this.presence = new PresenceTracker(config, b.presenceEvents, broker::publish, presencePublishing);
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
            Subscriber subscriber = new Subscriber(writer, names, resumeFrom);
            if (onOpen != null && !greet(onOpen, writer)) {
                return;
            }
            broker.subscribe(subscriber);
            presence.add(names, who, subscriber.eventLoop());
            stream.onClose(() -> {
                broker.unsubscribe(subscriber);
                presence.remove(names, who, subscriber.eventLoop());
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
        return broker.publish(channel, event);
    }

    /** Publishes an unnamed event ({@code message} in a browser) with {@code data}. */
    public EventId publish(String channel, String data) {
        return broker.publish(channel, SseEvent.data(data));
    }

    /**
     * Who is on {@code channel} on this node: its subscriber count and its distinct identities,
     * at most {@link SseConfig#maxPresenceAnswer()} of them listed.
     */
    public ChannelPresence presence(String channel) {
        return presence.presence(channel, config.maxPresenceAnswer());
    }

    /** As {@link #presence(String)}, listing at most {@code limit} identities (never more than the configured maximum). */
    public ChannelPresence presence(String channel, int limit) {
        return presence.presence(channel, limit);
    }

    /** Streams subscribed to {@code channel} on this node right now; 0 for an unknown channel. O(1). */
    public int subscriberCount(String channel) {
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
