package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.Subscriber;
import dev.house.core.testing.TestLoops;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fan-out counts deliveries per loop pass, not per subscriber and event: a burst to thousands
 * of subscribers updates the shared counters a handful of times, and the counts are exact whenever
 * the loop is between passes (which is when it writes what they count).
 */
class FanoutCountingTest {
    private static final int SUBSCRIBERS = 1_000;
    private static final int EVENTS = 50;

    @Test
    void aBurstUpdatesTheCountersOncePerLoopPassNotOncePerDelivery() {
        TestLoops.Held loop = new TestLoops.Held();
        LocalFanout fanout = new LocalFanout();
        DeliveryCounters counters = new DeliveryCounters(null);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            CountingSubscriber s = new CountingSubscriber(loop);
            s.onDeliver = n -> seen.add(counters.delivered());
            fanout.add(s);
        }
        burst(fanout, loop, counters);

        int passes = loop.runAll(() -> { });
        assertThat(counters.delivered()).isEqualTo((long) SUBSCRIBERS * EVENTS);
        // Each value the counter held while deliveries went on is one update (or the start):
        // one per pass at most, where a counter per delivery would show 50,000.
        assertThat(seen).as("counter values seen during %d passes", passes).hasSizeLessThanOrEqualTo(passes);
        assertThat(passes).isLessThan(SUBSCRIBERS * EVENTS / 100);
    }

    @Test
    void deliveriesAndCutOffsAreCountedExactlyAtTheEndOfEveryPass() {
        TestLoops.Held loop = new TestLoops.Held();
        LocalFanout fanout = new LocalFanout();
        DeliveryCounters totals = new DeliveryCounters(null);
        DeliveryCounters counters = new DeliveryCounters(totals);
        CountingSubscriber[] subscribers = new CountingSubscriber[SUBSCRIBERS];
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscribers[i] = new CountingSubscriber(loop);
            if (i % 10 == 0) {
                subscribers[i].outcome = Subscriber.Outcome.CUT_OFF;
            } else if (i % 10 == 1) {
                subscribers[i].outcome = Subscriber.Outcome.SKIPPED;
            }
            fanout.add(subscribers[i]);
        }
        burst(fanout, loop, counters);

        int passes = loop.runAll(() -> {
            long sent = 0;
            long cut = 0;
            for (CountingSubscriber s : subscribers) {
                if (s.outcome == Subscriber.Outcome.SENT) {
                    sent += s.delivered;
                } else if (s.outcome == Subscriber.Outcome.CUT_OFF) {
                    cut += s.delivered;
                }
            }
            assertThat(counters.delivered()).isEqualTo(sent);
            assertThat(counters.droppedSlow()).isEqualTo(cut);
            assertThat(totals.delivered()).isEqualTo(sent);
            assertThat(totals.droppedSlow()).isEqualTo(cut);
        });
        assertThat(passes).as("passes: the burst is spread over several").isGreaterThan(1);
        assertThat(counters.delivered()).isEqualTo(SUBSCRIBERS * 8L / 10 * EVENTS);
        assertThat(counters.droppedSlow()).isEqualTo(SUBSCRIBERS / 10L * EVENTS);
    }

    /** Dispatches {@link #EVENTS} events back to back while the loop is busy: they form one run. */
    private static void burst(LocalFanout fanout, StreamExecutor loop, DeliveryCounters counters) {
        StreamChunk chunk = StreamChunk.of("data: x\n\n");
        for (int i = 1; i <= EVENTS; i++) {
            fanout.dispatch(loop, "room", new EventId(1, i), chunk, counters);
        }
    }
}
