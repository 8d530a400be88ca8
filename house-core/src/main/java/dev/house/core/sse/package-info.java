/**
 * Server-sent event channels: {@link dev.house.core.sse.SseChannels} subscribes streams to named
 * channels and publishes to them from any thread; the in-memory broker
 * ({@link dev.house.core.sse.LocalBroker}) keeps history for replay after a reconnect; fan-out
 * runs per event loop, never per subscriber on the publishing thread; heartbeats and presence.
 * Only the application types are public; brokers plug in through {@code sse.spi}.
 *
 * <p>May use {@code http} (loops are {@link dev.house.core.http.StreamExecutor}s, timers through
 * them) and {@code sse.spi}; not {@code io} nor a protocol ({@code ArchitectureTest} checks it).
 */
package dev.house.core.sse;
