package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heap presence adds per present subscriber, measured in S3's way (used heap after GC, before
 * and after): 15,000 subscribers with distinct identities (id and small info included), 100 per
 * channel, as the tracker keeps them.
 */
class PresenceMemoryTest {
    private static final int SUBSCRIBERS = 15_000;

    @Test
    void presenceTakesAFewHundredBytesPerPresentSubscriber() throws Exception {
        SseConfig config = SseConfig.defaults();
        List<List<String>> channels = new ArrayList<>();
        for (int c = 0; c < SUBSCRIBERS / 100; c++) {
            channels.add(List.of("room-" + c));
        }
        long start = usedHeapAfterGc();
        // The identities are the application's: made first, so the tracker's own cost shows apart.
        List<Presence> who = new ArrayList<>(SUBSCRIBERS);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            who.add(Presence.of("user-" + i, "{\"name\":\"User " + i + "\"}"));
        }
        long before = usedHeapAfterGc();
        PresenceTracker tracker = new PresenceTracker(config, c -> true, false, changes -> { }, Runnable::run);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            tracker.add(channels.get(i / 100), who.get(i), null);
        }
        tracker.flush(null); // the pending joins go out, as the batch timer would do
        long after = usedHeapAfterGc();
        long measured = after - before;
        long withIdentities = after - start - (long) SUBSCRIBERS * 4; // less the test's list
        assertThat(tracker.identities()).isEqualTo(SUBSCRIBERS);

        long perSubscriber = measured / SUBSCRIBERS;
        System.out.printf("presence: %d present subscribers, %d B each in the tracker, %d B with the identities%n",
                SUBSCRIBERS, perSubscriber, withIdentities / SUBSCRIBERS);
        assertThat(perSubscriber).isLessThan(250);
        assertThat(withIdentities / SUBSCRIBERS).isLessThan(400);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
