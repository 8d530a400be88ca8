package dev.house.core.sse.spi;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.EventId;
import java.util.List;

/**
 * One SSE stream on this node subscribed to channels, as a {@link SseBroker} sees it: which loop
 * owns it, what it asked for, and how to hand it events. Apart from {@link #executor()},
 * {@link #channels()}, {@link #resuming()} and {@link #lastEventId()}, which are fixed and may be
 * read anywhere, every method runs on the subscriber's {@link #executor()} only.
 */
public interface Subscriber {

    /** The event loop that owns the stream; streams of one loop share this object. */
    StreamExecutor executor();

    /** The validated, distinct channel names. */
    List<String> channels();

    /** Whether the client reconnected with a {@code Last-Event-ID} (well-formed or not). */
    boolean resuming();

    /** The client's {@code Last-Event-ID} as an id, or {@code null} when absent or malformed. */
    EventId lastEventId();

    /** Whether the stream is still open. */
    boolean isOpen();

    /**
     * Marks the end of what replay covers: later {@link #deliver} calls for ids at or before it
     * are skipped, so an event is never seen both replayed and live.
     */
    void liveAfter(EventId id);

    /** Writes a replayed event (an {@link SseEncoder} chunk with its id); does not consult {@link #liveAfter}. */
    void replay(StreamChunk chunk, DeliveryCounters counters);

    /**
     * Writes a live event unless replay already covered it; called by the {@link Fanout}, which
     * counts the outcomes of a run of events in its {@link DeliveryCounters} at once.
     */
    Outcome deliver(EventId id, StreamChunk chunk);

    /**
     * Sends the {@value dev.house.core.sse.SseChannels#HISTORY_LOST_EVENT} event naming the
     * {@code lost} channels, whose events after the client's id are gone.
     */
    void historyLost(List<String> lost);

    /** What became of an event handed to a subscriber. */
    enum Outcome {
        /** Queued on the subscriber's connection. */
        SENT,
        /** Not written: the stream had ended, or replay already covered the event. */
        SKIPPED,
        /** Not written: the subscriber was cut off as too slow, just now. */
        CUT_OFF
    }
}
