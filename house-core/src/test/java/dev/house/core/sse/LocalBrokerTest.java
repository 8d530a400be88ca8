package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** History bookkeeping of the local broker, observed without any subscriber or socket. */
class LocalBrokerTest {

    private static LocalBroker broker(SseConfig.Builder config) {
        return new LocalBroker(config.build());
    }

    @Test
    void assignsIncreasingIds() {
        LocalBroker b = broker(SseConfig.builder());
        EventId previous = b.publish("a", SseEvent.data("0"));
        for (int i = 1; i < 1000; i++) {
            EventId id = b.publish(i % 2 == 0 ? "a" : "b", SseEvent.data(Integer.toString(i)));
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void retainsAtMostHistorySizePerChannel() {
        LocalBroker b = broker(SseConfig.builder().historySize(3));
        for (int i = 0; i < 10; i++) {
            b.publish("a", SseEvent.data("x"));
        }
        assertThat(b.channels()).singleElement().satisfies(c -> {
            assertThat(c.retained()).isEqualTo(3);
            assertThat(c.published()).isEqualTo(10);
        });
        assertThat(b.totals().retainedEvents()).isEqualTo(3);
    }

    @Test
    void memoryCapEvictsOldestEventsAcrossChannels() {
        LocalBroker b = broker(SseConfig.builder().historyMemoryCap(64 * 1024));
        String kb = "y".repeat(1024);
        for (int i = 0; i < 200; i++) {
            b.publish(i % 2 == 0 ? "a" : "b", SseEvent.data(kb));
        }
        SseStats totals = b.totals();
        assertThat(totals.retainedBytes()).isLessThanOrEqualTo(64 * 1024).isPositive();
        assertThat(totals.retainedEvents()).isLessThan(200);
        // Both channels keep their newest events: the globally oldest went first.
        assertThat(b.channels()).allSatisfy(c -> assertThat(c.retained()).isPositive());
    }

    @Test
    void channelWithoutHistoryOrSubscribersIsForgotten() {
        LocalBroker b = broker(SseConfig.builder().historySize(0));
        b.publish("fleeting", SseEvent.data("x"));
        assertThat(b.channels()).isEmpty();
        assertThat(b.totals().published()).isEqualTo(1);
    }

    @Test
    void expiredHistoryIsDroppedAndItsChannelForgotten() throws Exception {
        LocalBroker b = broker(SseConfig.builder().historyTtl(Duration.ofMillis(30)));
        b.publish("old", SseEvent.data("x"));
        assertThat(b.channels()).hasSize(1);
        assertThat(Poll.until(Duration.ofSeconds(5), () -> b.channels().isEmpty())).isTrue();
        assertThat(b.totals().retainedBytes()).isZero();
    }

    @Test
    void channelListIsAnImmutableSnapshot() {
        LocalBroker b = broker(SseConfig.builder());
        b.publish("a", SseEvent.data("x"));
        var list = b.channels();
        b.publish("b", SseEvent.data("x"));
        assertThat(list).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> list.add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
