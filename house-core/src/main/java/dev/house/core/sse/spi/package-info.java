/**
 * The broker extension point of SSE channels: everything a broker implements and everything it
 * may use, and nothing else of {@code dev.house.core.sse}'s internals.
 *
 * <p>A broker implements {@link dev.house.core.sse.spi.SseBroker}: it assigns ids and keeps
 * history ({@code publish}), takes in and lets go of this node's {@link
 * dev.house.core.sse.spi.Subscriber}s ({@code subscribe}/{@code unsubscribe}), replays to them, and
 * hands live events to this node's event loops through the {@link dev.house.core.sse.spi.Fanout}
 * that {@link dev.house.core.sse.SseChannels} gives it in {@link
 * dev.house.core.sse.spi.BrokerContext} (one task per loop and event, never per subscriber).
 * Events are encoded once per node with {@link dev.house.core.sse.spi.SseEncoder}. A broker shared
 * by several nodes may also answer presence cluster-wide ({@link
 * dev.house.core.sse.spi.SharedPresence}): the channels send it each node's coalesced changes
 * ({@link dev.house.core.sse.spi.PresenceChange}) and it announces the cluster-wide ones back.
 *
 * <p>A subscriber's loop is named by its {@link dev.house.core.http.StreamExecutor}, never by the
 * I/O layer's class: streams served by one loop share one executor object, so brokers group
 * subscribers by executor identity. May use {@code http} and the application types of
 * {@code sse} ({@code EventId}, {@code SseEvent}, {@code SseConfig}, {@code ChannelStats},
 * {@code SseStats}, {@code Presence}, {@code ChannelPresence}); not {@code io}.
 * {@link dev.house.core.sse.LocalBroker} is the in-memory implementation; the starter's
 * {@code RedisBroker} the shared one.
 */
package dev.house.core.sse.spi;
