package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.StreamChunk;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.Fanout;
import dev.house.core.testing.TestLoops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events a broker hands over together ({@link Fanout#dispatchAll}: one read from Redis) reach
 * each subscriber as one run, even on a loop that starts delivering the moment it is woken.
 */
class FanoutDispatchAllTest {

    @Test
    void eventsHandedOverTogetherAreDeliveredInOneLoopTask() {
        TestLoops.Inline loop = new TestLoops.Inline();
        LocalFanout fanout = new LocalFanout();
        List<Integer> taskOfEachDelivery = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CountingSubscriber s = new CountingSubscriber(loop);
            s.onDeliver = n -> taskOfEachDelivery.add(loop.executed);
            fanout.add(s);
        }
        DeliveryCounters counters = new DeliveryCounters(null);
        StreamChunk chunk = StreamChunk.of("data: x\n\n");
        List<Fanout.Event> read = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            read.add(new Fanout.Event("room", new EventId(1, i), chunk, counters));
        }

        fanout.dispatchAll(loop, read);

        assertThat(loop.executed).as("loop tasks for 5 events").isEqualTo(1);
        assertThat(taskOfEachDelivery).hasSize(15).containsOnly(1);
        assertThat(counters.delivered()).isEqualTo(15);
    }
}
