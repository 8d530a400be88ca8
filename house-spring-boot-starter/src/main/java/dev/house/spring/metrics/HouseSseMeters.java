package dev.house.spring.metrics;

import dev.house.core.sse.SseChannels;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of house's server-sent event channels, read from the channels' totals when scraped:
 * gauges {@value #CHANNELS}, {@value #SUBSCRIPTIONS}, {@value #RETAINED_EVENTS} and
 * {@value #RETAINED_BYTES}; counters {@value #PUBLISHED}, {@value #DELIVERED} and
 * {@value #DROPPED}; gauge {@value #PRESENT} (identities present, summed over channels: no
 * channel tag, so its cardinality stays one).
 */
public final class HouseSseMeters {

    public static final String CHANNELS = "house.sse.channels";
    public static final String SUBSCRIPTIONS = "house.sse.subscriptions";
    public static final String PUBLISHED = "house.sse.events.published";
    public static final String DELIVERED = "house.sse.events.delivered";
    public static final String DROPPED = "house.sse.subscribers.dropped";
    public static final String RETAINED_EVENTS = "house.sse.history.events";
    public static final String RETAINED_BYTES = "house.sse.history.size";
    public static final String PRESENT = "house.sse.presence.identities";

    private final SseChannels channels;

    public HouseSseMeters(SseChannels channels) {
        this.channels = channels;
    }

    /** Registers the meters with {@code registry}. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(CHANNELS, channels, c -> c.stats().channels())
                .description("Channels with subscribers or retained history")
                .strongReference(true)
                .register(registry);
        Gauge.builder(SUBSCRIPTIONS, channels, c -> c.stats().subscriptions())
                .description("Subscriptions of streams to channels")
                .strongReference(true)
                .register(registry);
        Gauge.builder(RETAINED_EVENTS, channels, c -> c.stats().retainedEvents())
                .description("Events retained for replay")
                .strongReference(true)
                .register(registry);
        Gauge.builder(RETAINED_BYTES, channels, c -> c.stats().retainedBytes())
                .description("Estimated memory of the events retained for replay")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder(PRESENT, channels, SseChannels::presentIdentities)
                .description("Identities present on channels of this node, summed over channels")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(PUBLISHED, channels, c -> c.stats().published())
                .description("Events published to channels")
                .register(registry);
        FunctionCounter.builder(DELIVERED, channels, c -> c.stats().delivered())
                .description("Event writes to subscribers, replays included")
                .register(registry);
        FunctionCounter.builder(DROPPED, channels, c -> c.stats().droppedSlow())
                .description("Subscribers cut off as too slow")
                .register(registry);
    }
}
