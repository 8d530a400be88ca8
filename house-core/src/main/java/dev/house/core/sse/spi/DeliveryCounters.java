package dev.house.core.sse.spi;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happened to a channel's events on their way to subscribers: written, or not
 * written because the subscriber was cut off as too slow. Updated from every event loop without
 * contention; each count also goes to the totals it was created with. A broker keeps one per
 * channel and hands it along with each event; {@link Subscriber}s update it.
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

    public long delivered() {
        return delivered.sum();
    }

    public long droppedSlow() {
        return droppedSlow.sum();
    }
}
