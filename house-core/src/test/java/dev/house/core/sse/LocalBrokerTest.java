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

    @Test
    void pastMaxChannelsTheLeastRecentlyUsedChannelIsForgotten() {
        LocalBroker b = broker(SseConfig.builder().maxChannels(3));
        b.publish("a", SseEvent.data("x"));
        b.publish("b", SseEvent.data("x"));
        b.publish("c", SseEvent.data("x"));
        b.publish("a", SseEvent.data("x")); // a is used again: b is now the least recently used

        b.publish("d", SseEvent.data("x"));

        assertThat(b.channels()).extracting(ChannelStats::name).containsExactly("a", "c", "d");
        assertThat(b.totals().retainedEvents()).isEqualTo(4);
    }

    @Test
    void aFloodOfChannelsKeepsAtMostMaxChannels() {
        LocalBroker b = broker(SseConfig.builder().maxChannels(1000));
        for (int i = 0; i < 20_000; i++) {
            b.publish("room-" + i, SseEvent.data("hello"));
        }
        SseStats totals = b.totals();
        assertThat(totals.channels()).isEqualTo(1000);
        assertThat(totals.retainedEvents()).isEqualTo(1000);
        assertThat(totals.published()).isEqualTo(20_000);
        // The newest thousand survive.
        assertThat(b.channels()).extracting(ChannelStats::name).contains("room-19999", "room-19000")
                .doesNotContain("room-18999");
    }

    @Test
    void retainedBytesCountEachChannelsOwnCostBesidesItsEvents() {
        LocalBroker one = broker(SseConfig.builder());
        one.publish("room-0", SseEvent.data("hello"));
        long oneChannel = one.totals().retainedBytes();

        LocalBroker b = broker(SseConfig.builder());
        b.publish("room-0", SseEvent.data("hello"));
        b.publish("room-0", SseEvent.data("hello"));
        long twoEventsOneChannel = b.totals().retainedBytes();

        long event = twoEventsOneChannel - oneChannel;
        assertThat(oneChannel - event).as("a channel's own cost").isGreaterThanOrEqualTo(Channel.OVERHEAD);
    }

    @Test
    void memoryCapBoundsAFloodOfOneEventChannels() {
        long cap = 1024 * 1024;
        LocalBroker b = broker(SseConfig.builder().historyMemoryCap(cap));
        for (int i = 0; i < 50_000; i++) {
            b.publish("room-" + i, SseEvent.data("hello"));
        }
        SseStats totals = b.totals();
        assertThat(totals.retainedBytes()).isLessThanOrEqualTo(cap);
        // Each channel costs its bookkeeping as well as its event, so far fewer than cap / event fit.
        assertThat(totals.channels()).isPositive()
                .isLessThanOrEqualTo((int) (cap / (Channel.OVERHEAD + ChannelHistory.ENTRY_OVERHEAD)));
        assertThat(b.channels()).extracting(ChannelStats::name).contains("room-49999");
    }

    @Test
    void expiryOfAFloodDropsEveryChannel() throws Exception {
        LocalBroker b = broker(SseConfig.builder().historyTtl(Duration.ofMillis(50)));
        for (int i = 0; i < 10_000; i++) {
            b.publish("room-" + i, SseEvent.data("hello"));
        }
        Thread.sleep(60); // past the ttl: a lower bound, not a timing assumption
        SseStats totals = b.totals();
        assertThat(totals.channels()).isZero();
        assertThat(totals.retainedBytes()).isZero();
        assertThat(totals.retainedEvents()).isZero();
    }

    @Test
    void maxChannelsIsValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SseConfig.builder().maxChannels(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxChannels");
    }
}
