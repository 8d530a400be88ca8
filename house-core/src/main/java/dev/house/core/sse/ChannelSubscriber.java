package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.SseEncoder;
import dev.house.core.sse.spi.Subscriber;
import java.util.List;

/** A {@link Subscriber} on an {@link SseWriter}: what {@link SseChannels} hands its broker. */
final class ChannelSubscriber implements Subscriber {
    private final SseWriter writer;
    private final List<String> channels;
    private final boolean resuming;
    private final EventId lastEventId;
    private EventId liveAfter;
    private boolean subscribed;

    ChannelSubscriber(SseWriter writer, List<String> channels, String lastEventIdText) {
        this.writer = writer;
        this.channels = channels;
        this.resuming = lastEventIdText != null && !lastEventIdText.isEmpty();
        this.lastEventId = EventId.parse(lastEventIdText);
    }

    @Override
    public StreamExecutor executor() {
        return writer.stream().executor();
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    @Override
    public boolean resuming() {
        return resuming;
    }

    @Override
    public EventId lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean isOpen() {
        return writer.isOpen();
    }

    @Override
    public void liveAfter(EventId id) {
        this.liveAfter = id;
    }

    @Override
    public void replay(StreamChunk chunk, DeliveryCounters counters) {
        record(writer.write(chunk), counters);
    }

    @Override
    public Outcome deliver(EventId id, StreamChunk chunk) {
        if (liveAfter != null && id.compareTo(liveAfter) <= 0) {
            return Outcome.SKIPPED;
        }
        return writer.write(chunk);
    }

    @Override
    public void historyLost(List<String> lost) {
        StringBuilder json = new StringBuilder("{\"channels\":[");
        for (int i = 0; i < lost.size(); i++) {
            // Channel names are validated to [A-Za-z0-9_.:-], which need no JSON escaping.
            json.append(i == 0 ? "\"" : ",\"").append(lost.get(i)).append('"');
        }
        json.append("]}");
        writer.write(SseEncoder.encode(SseEvent.named(SseChannels.HISTORY_LOST_EVENT, json.toString())));
    }

    /** Whether the broker counts this subscriber; flips once each way. */
    boolean markSubscribed(boolean value) {
        boolean changed = subscribed != value;
        subscribed = value;
        return changed;
    }

    /** Counts a write's outcome. */
    private static void record(Outcome outcome, DeliveryCounters counters) {
        if (outcome == Outcome.SENT) {
            counters.recordDelivered();
        } else if (outcome == Outcome.CUT_OFF) {
            counters.recordDroppedSlow();
        }
    }

    @Override
    public String toString() {
        return "Subscriber" + channels;
    }
}
