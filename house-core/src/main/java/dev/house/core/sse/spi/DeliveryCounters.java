package dev.house.core.sse.spi;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happened to a channel's events on their way to subscribers: written, or not
 * written because the subscriber was cut off as too slow. Updated from every event loop without
 * contention; each count also goes to the totals it was created with. A broker keeps one per
 * channel and hands it along with each event; the {@link Fanout} adds a run's live deliveries in
 * one {@link #add} per loop pass (not one update per subscriber and event), and
 * {@link Subscriber}s record replays one by one.
 */
public final class DeliveryCounters {
    private final LongAdder delivered = new LongAdder();
    private final LongAdder droppedSlow = new LongAdder();
    private final DeliveryCounters totals;

    /** Counters that also add to {@code totals} (may be {@code null}). */
    public DeliveryCounters(DeliveryCounters totals) {
        this.totals = totals;
    }

    public void recordDelivered() {
        delivered.increment();
        if (totals != null) {
            totals.recordDelivered();
        }
    }

    public void recordDroppedSlow() {
        droppedSlow.increment();
        if (totals != null) {
            totals.recordDroppedSlow();
        }
    }

    /**
     * Adds {@code delivered} writes and {@code droppedSlow} cut-offs at once: how the fan-out
     * counts a run of events over a loop's subscribers, before the loop writes any of them.
     */
    public void add(long delivered, long droppedSlow) {
        if (delivered != 0) {
            this.delivered.add(delivered);
        }
        if (droppedSlow != 0) {
            this.droppedSlow.add(droppedSlow);
        }
        if (totals != null) {
            totals.add(delivered, droppedSlow);
        }
    }

    public long delivered() {
        return delivered.sum();
    }

    public long droppedSlow() {
        return droppedSlow.sum();
    }
}
