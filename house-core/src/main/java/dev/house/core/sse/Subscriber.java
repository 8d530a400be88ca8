package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.io.EventLoop;
import java.util.List;

/**
 * One SSE stream on this node subscribed to channels, as a {@link SseBroker} sees it: where it
 * lives, what it asked for, and how to hand it events. Every method runs on the subscriber's
 * {@link #eventLoop()} only.
 */
public final class Subscriber {
    /**
     * The name of the event sent first when a reconnecting client's {@code Last-Event-ID} is older
     * than the retained history of some of its channels, or is not an id this server issued. Its
     * data is a JSON object naming those channels: {@code {"channels":["lobby"]}}. The
     * application should reload its state; live events follow.
     */
    public static final String HISTORY_LOST_EVENT = "house-history-lost";

    private final SseWriter writer;
    private final List<String> channels;
    private final boolean resuming;
    private final EventId lastEventId;
    private EventId liveAfter;
    private boolean subscribed;

    Subscriber(SseWriter writer, List<String> channels, String lastEventIdText) {
        this.writer = writer;
        this.channels = channels;
        this.resuming = lastEventIdText != null && !lastEventIdText.isEmpty();
        this.lastEventId = EventId.parse(lastEventIdText);
    }

    public EventLoop eventLoop() {
        return EventLoop.of(writer.stream().executor());
    }

    /** The validated, distinct channel names. */
    public List<String> channels() {
        return channels;
    }

    /** Whether the client reconnected with a {@code Last-Event-ID} (well-formed or not). */
    public boolean resuming() {
        return resuming;
    }

    /** The client's {@code Last-Event-ID} as an id, or {@code null} when absent or malformed. */
    public EventId lastEventId() {
        return lastEventId;
    }

    public boolean isOpen() {
        return writer.isOpen();
    }

    /**
     * Marks the end of what replay covers: later {@link #deliver} calls for ids at or before it
     * are skipped, so an event is never seen both replayed and live.
     */
    public void liveAfter(EventId id) {
        this.liveAfter = id;
    }

    /** Writes a replayed event; does not consult {@link #liveAfter}. */
    public void replay(StreamChunk chunk, DeliveryCounters counters) {
        counters.record(writer.write(chunk));
    }

    /** Writes a live event unless replay already covered it. */
    public void deliver(EventId id, StreamChunk chunk, DeliveryCounters counters) {
        if (liveAfter != null && id.compareTo(liveAfter) <= 0) {
            return;
        }
        counters.record(writer.write(chunk));
    }

    /** Sends the {@value #HISTORY_LOST_EVENT} event naming {@code lost} channels. */
    public void historyLost(List<String> lost) {
        StringBuilder json = new StringBuilder("{\"channels\":[");
        for (int i = 0; i < lost.size(); i++) {
            // Channel names are validated to [A-Za-z0-9_.:-], which need no JSON escaping.
            json.append(i == 0 ? "\"" : ",\"").append(lost.get(i)).append('"');
        }
        json.append("]}");
        writer.write(SseEncoder.encode(SseEvent.named(HISTORY_LOST_EVENT, json.toString())));
    }

    /** Whether the broker counts this subscriber; flips once each way. */
    boolean markSubscribed(boolean value) {
        boolean changed = subscribed != value;
        subscribed = value;
        return changed;
    }

    @Override
    public String toString() {
        return "Subscriber" + channels;
    }
}
