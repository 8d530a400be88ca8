package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A complexity guard, not a timing test: publishing costs the same per event with 200,000
 * channels as with 10. Both brokers are full to their memory cap, so every publish to a new
 * channel evicts the globally oldest event (and its channel) — the path that once scanned every
 * channel. Each size's cost is the best of several interleaved batches, which a noisy machine
 * only ever makes slower, so the ratio of the two is robust; an O(channels) step would make it
 * thousands.
 */
class LocalBrokerComplexityTest {
    private static final int BATCH = 1000;
    private static final int ROUNDS = 10;
    private static final String PAYLOAD = "{\"name\":\"a\",\"message\":\"hello\"}";
    /** Measured events are a little larger than the ones that filled the broker, so each one evicts. */
    private static final String LARGER_PAYLOAD = PAYLOAD + " ".repeat(16);

    @Test
    void publishCostWithTwoHundredThousandChannelsStaysWithinThreeTimesTheCostWithTen() {
        Flood small = new Flood(10);
        Flood large = new Flood(200_000);
        // Ids vary in length, so a full broker holds about, not exactly, the channels it was sized for.
        assertThat(large.broker.totals().channels()).isBetween(190_000, 200_000);
        small.batch();
        large.batch(); // warm-up

        long bestSmall = Long.MAX_VALUE;
        long bestLarge = Long.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            bestSmall = Math.min(bestSmall, small.batch());
            bestLarge = Math.min(bestLarge, large.batch());
        }
        double ratio = (double) bestLarge / bestSmall;
        System.out.printf("publish to a new channel, broker full: %d ns with 10 channels, %d ns with 200,000 (x%.2f)%n",
                bestSmall / BATCH, bestLarge / BATCH, ratio);
        assertThat(ratio).isLessThan(3.0);
        // Still full, still bounded: each publish evicted one or two old channels.
        assertThat(large.broker.totals().channels()).isBetween(180_000, 200_000);
    }

    /** A broker whose memory cap holds about {@code channels} one-event channels, filled past it. */
    private static final class Flood {
        final LocalBroker broker;
        private int next;

        Flood(int channels) {
            LocalBroker probe = new LocalBroker(SseConfig.builder().build());
            probe.publish(name(0), SseEvent.data(PAYLOAD));
            long perChannel = probe.totals().retainedBytes();
            broker = new LocalBroker(SseConfig.builder()
                    .historyMemoryCap(Math.max(1024, perChannel * channels))
                    .maxChannels(10 * channels + BATCH) // the memory cap is what evicts here
                    .historyTtl(Duration.ofHours(1)) // nothing expires during the test
                    .build());
            // A little past the cap: ids vary in length, this makes sure the broker is evicting.
            for (int i = 0; i < channels + Math.max(5, channels / 50); i++) {
                publishNext();
            }
        }

        /** Nanoseconds for a batch of publishes, each to a new channel. */
        long batch() {
            String[] names = new String[BATCH];
            for (int i = 0; i < BATCH; i++) {
                names[i] = name(next + i);
            }
            SseEvent event = SseEvent.data(LARGER_PAYLOAD);
            long start = System.nanoTime();
            for (String n : names) {
                broker.publish(n, event);
            }
            long took = System.nanoTime() - start;
            next += BATCH;
            return took;
        }

        private void publishNext() {
            broker.publish(name(next++), SseEvent.data(PAYLOAD));
        }

        private static String name(int i) {
            String digits = Integer.toString(i);
            return "room-" + "0000000".substring(digits.length()) + digits;
        }
    }
}
