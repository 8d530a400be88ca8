package dev.house.spring.observation;

import dev.house.core.sse.ChannelPresence;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseEvent;
import dev.house.spring.sse.ChannelPublisher;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChannelPublisher} that records a publish made inside an observed exchange (or any
 * other current observation) as the child observation {@value #NAME}, tagged with the channel
 * and the event id; with tracing, the publish is a span of the request's trace and its delivery
 * log line carries the trace id. Publishes outside any observation go straight through.
 */
public final class ObservedChannelPublisher implements ChannelPublisher {

    /** The observation of one publish. */
    public static final String NAME = "house.sse.publish";

    private static final Logger log = LoggerFactory.getLogger(ObservedChannelPublisher.class);

    private final ChannelPublisher delegate;
    private final ObservationRegistry registry;

    public ObservedChannelPublisher(ChannelPublisher delegate, ObservationRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public EventId publish(String channel, Object payload) {
        return observe(channel, () -> delegate.publish(channel, payload));
    }

    @Override
    public EventId publish(String channel, String eventName, Object payload) {
        return observe(channel, () -> delegate.publish(channel, eventName, payload));
    }

    @Override
    public EventId publish(String channel, SseEvent event) {
        return observe(channel, () -> delegate.publish(channel, event));
    }

    @Override
    public int subscriberCount(String channel) {
        return delegate.subscriberCount(channel);
    }

    @Override
    public ChannelPresence presence(String channel) {
        return delegate.presence(channel);
    }

    @Override
    public List<ChannelStats> channels() {
        return delegate.channels();
    }

    private EventId observe(String channel, Supplier<EventId> publish) {
        if (registry.getCurrentObservation() == null) {
            return publish.get();
        }
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("publish " + channel)
                .highCardinalityKeyValue("house.channel", channel)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            EventId id = publish.get();
            observation.highCardinalityKeyValue("house.event.id", String.valueOf(id));
            log.debug("published event {} to channel {}", id, channel);
            return id;
        } catch (RuntimeException ex) {
            observation.error(ex);
            throw ex;
        } finally {
            observation.stop();
        }
    }
}
